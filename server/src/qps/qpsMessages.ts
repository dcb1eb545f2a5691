/** The one table of QPS body problems, in the convention of common/diagnosticTable.ts. */
import { DiagnosticTable, E, I, W, type MessageSpec } from '../common/diagnosticTable';

export const QPS_SOURCE = 'qualys-qps';

export enum QpsCode {
  XmlSyntax = 'qps-xml-syntax',
  WrongRoot = 'qps-wrong-root',
  WrongObject = 'qps-wrong-object',
  UnknownElement = 'qps-unknown-element',
  BadValue = 'qps-bad-value',
  OutOfRange = 'qps-out-of-range',
  UnknownKey = 'qps-unknown-key',
  Duplicate = 'qps-duplicate',
  Conflict = 'qps-conflict',
  UnknownField = 'qps-unknown-field',
  BadOperator = 'qps-bad-operator',
  MissingAttribute = 'qps-missing-attribute',
  UnexpectedPart = 'qps-unexpected-part',
}

const qpsMessages = {
  xmlSyntax: { code: QpsCode.XmlSyntax, severity: E, text: '{message}.' },
  wrongRoot: { code: QpsCode.WrongRoot, severity: E, text: "A QPS request body has the root element <{expected}>, not <{name}>." },
  wrongObject: { code: QpsCode.WrongObject, severity: E, text: 'This endpoint takes <{expected}> in <data>, not <{name}>.' },
  unknownElement: { code: QpsCode.UnknownElement, severity: E, text: '<{name}> is not an element of <{parent}>: {allowed}.{hint}' },
  badEnum: { code: QpsCode.BadValue, severity: E, text: "'{value}' is not an allowed value of <{name}>: {allowed}.{hint}" },
  badEnumLoose: { code: QpsCode.BadValue, severity: W, text: "'{value}' is not one of the values of <{name}> in the catalog: {allowed}.{hint}" },
  badInteger: { code: QpsCode.BadValue, severity: E, text: "<{name}> must be an integer, not '{value}'." },
  emptyValue: { code: QpsCode.BadValue, severity: E, text: '<{name}> needs a value.' },
  outOfRange: { code: QpsCode.OutOfRange, severity: E, text: "{name} must be {range}; '{value}' is out of range." },
  unknownKey: { code: QpsCode.UnknownKey, severity: W, text: "'{key}' is not a performance key in the catalog.{hint}" },
  duplicate: { code: QpsCode.Duplicate, severity: W, text: '{name} is given more than once.' },
  conflict: { code: QpsCode.Conflict, severity: E, text: '<{then}> cannot be {thenValue} when <{if}> is {ifValue}.' },
  unknownElementNear: { code: QpsCode.UnknownElement, severity: W, text: '<{name}> is not an element of <{parent}> in the catalog (the catalog of <{parent}> is partial). Did you mean <{suggestion}>?' },
  badDate: { code: QpsCode.BadValue, severity: E, text: "<{name}> must be a date in UTC, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, not '{value}'." },
  softRange: { code: QpsCode.OutOfRange, severity: W, text: "{name} is documented as {range}; Qualys may refuse or cap '{value}'." },
  unknownField: { code: QpsCode.UnknownField, severity: E, text: "'{field}' is not a Criteria field of {object}: {allowed}.{hint}" },
  unknownFieldNear: { code: QpsCode.UnknownField, severity: W, text: "'{field}' is not a Criteria field of {object} in the catalog (the catalog of {object} is partial). Did you mean '{suggestion}'?" },
  unknownFieldInfo: { code: QpsCode.UnknownField, severity: I, text: "'{field}' is not in the catalog's Criteria fields of {object}: its operator and value are not checked." },
  missingAttribute: { code: QpsCode.MissingAttribute, severity: E, text: '<Criteria> needs the {attribute} attribute.' },
  unknownOperator: { code: QpsCode.BadOperator, severity: W, text: "'{operator}' is not a Criteria operator Qualys documents: {allowed}.{hint}" },
  operatorNotForType: { code: QpsCode.BadOperator, severity: I, text: "'{operator}' is not among the operators Qualys documents for {type} fields ({allowed}); real scripts use it, so it is not checked." },
  operatorNotForField: { code: QpsCode.BadOperator, severity: W, text: "'{operator}' is not documented for {field}: use {allowed}." },
  operatorForbidden: { code: QpsCode.BadOperator, severity: E, text: 'Qualys refuses the {operator} operator in {operation} requests.' },
  criteriaInteger: { code: QpsCode.BadValue, severity: E, text: "{field} takes {what}, not '{value}'." },
  criteriaDate: { code: QpsCode.BadValue, severity: E, text: "{field} takes a date in UTC, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, not '{value}'." },
  criteriaBoolean: { code: QpsCode.BadValue, severity: E, text: "{field} takes true or false, not '{value}'." },
  criteriaEmpty: { code: QpsCode.BadValue, severity: E, text: '{field} needs a value with the {operator} operator.' },
  criteriaKeyword: { code: QpsCode.BadValue, severity: W, text: "'{value}' is not one of the documented values of {field}: {allowed}.{hint}" },
  unexpectedPart: { code: QpsCode.UnexpectedPart, severity: W, text: 'The {operation} operation does not use <{part}> (it takes {parts}); Qualys ignores or refuses it.' },
} satisfies Record<string, MessageSpec<QpsCode>>;

export type QpsMessageId = keyof typeof qpsMessages;

export const qpsTable = new DiagnosticTable<QpsMessageId, QpsCode>(QPS_SOURCE, qpsMessages);
