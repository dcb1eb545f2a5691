/**
 * The one table of request-file problems (request line, parameters, rules, JSON bodies), in the
 * convention of common/diagnosticTable.ts.
 */
import { DiagnosticTable, E, I, W, type MessageSpec } from '../common/diagnosticTable';

export const REQUEST_SOURCE = 'qualys-request';

/** Stable diagnostic codes of request files. Never renumber or rename: users and tests key on them. */
export enum RequestCode {
  UnknownEndpoint = 'unknown-endpoint',
  NotInCatalog = 'not-in-catalog',
  MissingAction = 'missing-action',
  UnknownAction = 'unknown-action',
  UnknownParameter = 'unknown-parameter',
  ParameterNotForAction = 'parameter-not-for-action',
  BadValue = 'bad-value',
  BadFormat = 'bad-format',
  MissingRequired = 'missing-required',
  Conflict = 'conflict',
  Condition = 'condition',
  Duplicate = 'duplicate',
  MethodNotAllowed = 'method-not-allowed',
  WrongHost = 'wrong-host',
  JsonSyntax = 'json-syntax',
  JsonType = 'json-type',
  JsonUnknownKey = 'json-unknown-key',
  JsonMissingKey = 'json-missing-key',
  JsonBadValue = 'json-bad-value',
  LegacyApi = 'legacy-api',
  AssertionSyntax = 'assertion-syntax',
  AssertionNotEvaluated = 'assertion-not-evaluated',
  AssertionBadValue = 'assertion-bad-value',
  AssertionXPath = 'assertion-xpath',
  AssertionIgnoredLine = 'assertion-ignored-line',
  JsonTooDeep = 'json-too-deep',
}

const requestMessages = {
  unknownEndpoint: { code: RequestCode.UnknownEndpoint, severity: W, text: "'{path}' is not in the catalog. Did you mean '{suggestion}'?" },
  notInCatalog: { code: RequestCode.NotInCatalog, severity: I, text: "'{path}'{title} is not in the catalog: its parameters are not checked.{hint}" },
  missingAction: { code: RequestCode.MissingAction, severity: E, text: '{endpoint} needs an action parameter: {actions}.' },
  unknownAction: { code: RequestCode.UnknownAction, severity: E, text: "'{value}' is not an action of {endpoint}: {actions}.{hint}" },
  unknownActionPartial: { code: RequestCode.UnknownAction, severity: W, text: "Action '{value}' is not in the catalog for {endpoint} (the catalog of this endpoint is partial).{hint}" },
  unknownParameter: { code: RequestCode.UnknownParameter, severity: E, text: "Unknown parameter '{param}' for {endpoint}{action}.{hint}" },
  unknownOperation: { code: RequestCode.UnknownAction, severity: W, text: "'{value}' is not an operation of {endpoint} in the catalog: {actions}. Did you mean '{suggestion}'?" },
  unknownOperationInfo: { code: RequestCode.UnknownAction, severity: I, text: "'{value}' is not in the catalog's operations of {endpoint} ({actions}); the object's body is still checked." },
  unknownParameterPartial: { code: RequestCode.UnknownParameter, severity: W, text: "Parameter '{param}' is not in the catalog for {endpoint}{action} (the catalog of this endpoint is partial).{hint}" },
  parameterNotForAction: { code: RequestCode.ParameterNotForAction, severity: E, text: "'{param}' is not a parameter of action={action} (it belongs to action={others})." },
  badEnum: { code: RequestCode.BadValue, severity: E, text: "'{value}' is not an allowed value of {param}: {allowed}.{hint}" },
  emptyValue: { code: RequestCode.BadValue, severity: E, text: '{param} needs a value.' },
  badInteger: { code: RequestCode.BadFormat, severity: E, text: "{param} must be an integer, not '{value}'." },
  outOfRange: { code: RequestCode.BadValue, severity: E, text: "{param} must be {range}; '{value}' is out of range." },
  badDate: { code: RequestCode.BadFormat, severity: E, text: "{param} must be a date YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC), not '{value}'." },
  badIdList: { code: RequestCode.BadFormat, severity: E, text: "{param} must be IDs or ID ranges, comma separated (e.g. 190-400,512), not '{value}'." },
  badIpList: { code: RequestCode.BadFormat, severity: E, text: "{param} must be IPs, IP ranges (10.0.0.1-10.0.0.9) or CIDR blocks, comma separated; '{value}' is not." },
  tooLong: { code: RequestCode.BadFormat, severity: E, text: '{param} is at most {max}; this value has {length}.' },
  tooShort: { code: RequestCode.BadFormat, severity: E, text: '{param} needs at least {min}.' },
  notAscii: { code: RequestCode.BadFormat, severity: E, text: '{param} takes ASCII characters only.' },
  badPattern: { code: RequestCode.BadFormat, severity: E, text: "{param} must be {pattern}, not '{value}'." },
  missingRequired: { code: RequestCode.MissingRequired, severity: E, text: '{param} is required{when}.' },
  missingOneOf: { code: RequestCode.MissingRequired, severity: E, text: 'One of {params} is required{when}.' },
  conflict: { code: RequestCode.Conflict, severity: E, text: '{param} cannot be combined with {other} in the same request.' },
  together: { code: RequestCode.Conflict, severity: E, text: '{param} needs {other}: give both or neither.' },
  onlyWhen: { code: RequestCode.Condition, severity: W, text: '{param} applies only when {condition}.' },
  notCompanion: { code: RequestCode.Condition, severity: E, text: '{param} cannot be used when the hosts are selected by {selector}{allowed}.' },
  singleValue: { code: RequestCode.Condition, severity: E, text: '{param} must be a single IP when {condition}.' },
  idsExpected: { code: RequestCode.BadFormat, severity: E, text: "{param} holds tag IDs when {condition}; '{value}' is not an ID (use tag_set_by=name for names)." },
  duplicate: { code: RequestCode.Duplicate, severity: W, text: "'{param}' is given more than once; Qualys keeps only the last value." },
  wrongHost: { code: RequestCode.WrongHost, severity: W, text: '{endpoint} is served by the {host}: use {variable}.' },
  methodNotAllowed: { code: RequestCode.MethodNotAllowed, severity: W, text: '{endpoint} is called with {methods}, not {method}.' },
  jsonSyntax: { code: RequestCode.JsonSyntax, severity: E, text: 'The JSON body is not valid JSON: {problem}.' },
  jsonType: { code: RequestCode.JsonType, severity: E, text: '{path} must be {expected}, not {actual}.' },
  jsonUnknownKey: { code: RequestCode.JsonUnknownKey, severity: E, text: "Unknown key '{key}' in {path}; its keys are {keys}.{hint}" },
  jsonMissingKey: { code: RequestCode.JsonMissingKey, severity: E, text: "{path} needs the key '{key}'." },
  jsonBadId: { code: RequestCode.JsonBadValue, severity: E, text: "{path} must be an ID (digits), not '{value}'." },
  jsonTooFew: { code: RequestCode.JsonBadValue, severity: E, text: '{path} needs at least {min}.' },
  jsonTooMany: { code: RequestCode.JsonBadValue, severity: E, text: '{path} takes at most {max}; it has {count}.' },
  legacyReplaced: { code: RequestCode.LegacyApi, severity: I, text: '{path} is a Qualys API v1 call. Qualys still serves it; the v2 call {replacement} replaces it.' },
  assertionSyntax: { code: RequestCode.AssertionSyntax, severity: E, text: '{problem}' },
  assertionUnknownField: { code: RequestCode.AssertionSyntax, severity: E, text: "'{field}' is not an assertion field: {fields}.{hint}" },
  assertionForeign: { code: RequestCode.AssertionNotEvaluated, severity: I, text: "'{field}' assertions run JavaScript in httpYac; Qualys Workbench does not evaluate them (Run All reports them as skipped)." },
  assertionNotNumber: { code: RequestCode.AssertionBadValue, severity: E, text: "{what} is a number: '{value}' is not one." },
  assertionStatusRange: { code: RequestCode.AssertionBadValue, severity: E, text: 'HTTP statuses run from 100 to 599; {value} is none.' },
  assertionBadRegex: { code: RequestCode.AssertionBadValue, severity: E, text: "'{value}' is not a regular expression: {problem}." },
  assertionXPath: { code: RequestCode.AssertionXPath, severity: E, text: "The XPath expression {where}: {problem}." },
  assertionIgnoredLine: { code: RequestCode.AssertionIgnoredLine, severity: W, text: 'This line follows the assertions and is not part of the request: put assertions after the body, or the body before them.' },
  jsonTooDeep: { code: RequestCode.JsonTooDeep, severity: W, text: 'The JSON body nests arrays and objects more than {max} levels deep here; it is not checked.' },
} satisfies Record<string, MessageSpec<RequestCode>>;

export type MessageId = keyof typeof requestMessages;

export const requestTable = new DiagnosticTable<MessageId, RequestCode>(REQUEST_SOURCE, requestMessages);
