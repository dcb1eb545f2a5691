/** The one table of QPS body problems: stable codes, severities and message templates. */
import { DiagnosticSeverity } from 'vscode-languageserver';
import { fillTemplate } from '../util/messageTemplate';

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
}

const E = DiagnosticSeverity.Error;
const W = DiagnosticSeverity.Warning;

export const qpsMessages = {
  xmlSyntax: { code: QpsCode.XmlSyntax, severity: E, text: '{message}.' },
  wrongRoot: { code: QpsCode.WrongRoot, severity: E, text: "A QPS request body has the root element <{expected}>, not <{name}>." },
  wrongObject: { code: QpsCode.WrongObject, severity: E, text: 'This endpoint takes <{expected}> in <data>, not <{name}>.' },
  unknownElement: { code: QpsCode.UnknownElement, severity: E, text: '<{name}> is not an element of <{parent}>: {allowed}.{hint}' },
  badEnum: { code: QpsCode.BadValue, severity: E, text: "'{value}' is not an allowed value of <{name}>: {allowed}.{hint}" },
  badEnumLoose: { code: QpsCode.BadValue, severity: W, text: "'{value}' is not one of the values of <{name}> in the catalog: {allowed}." },
  badInteger: { code: QpsCode.BadValue, severity: E, text: "<{name}> must be an integer, not '{value}'." },
  emptyValue: { code: QpsCode.BadValue, severity: E, text: '<{name}> needs a value.' },
  outOfRange: { code: QpsCode.OutOfRange, severity: E, text: '{name} must be {range}; {value} is out of range.' },
  unknownKey: { code: QpsCode.UnknownKey, severity: W, text: "'{key}' is not a performance key in the catalog.{hint}" },
  duplicate: { code: QpsCode.Duplicate, severity: W, text: '{name} is given more than once.' },
  conflict: { code: QpsCode.Conflict, severity: E, text: '<{then}> cannot be {thenValue} when <{if}> is {ifValue}.' },
} as const;

export type QpsMessageId = keyof typeof qpsMessages;

export function formatQps(id: QpsMessageId, args: Readonly<Record<string, string | number>>): string {
  return fillTemplate(qpsMessages[id].text, args);
}
