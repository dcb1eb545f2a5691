/**
 * Every problem the option profile language service reports: one stable code per kind of mistake,
 * the message table, and the `data` shape quick fixes read. Well-formedness codes mirror the tolerant
 * parser's XmlProblemKind one to one (their sentences are written by the parser, which knows the
 * names involved); schema codes get their sentences here.
 */
import { DiagnosticTable, E, W, type MessageArgs, type MessageSpec } from '../common/diagnosticTable';
import { XmlProblemKind } from '../xml/xmlNodes';

export const DIAGNOSTIC_SOURCE = 'qualys';

export enum OptionProfileCode {
  // Well-formedness (from the XML parser).
  UnclosedElement = 'xml-unclosed-element',
  MismatchedEndTag = 'xml-mismatched-end-tag',
  UnexpectedEndTag = 'xml-unexpected-end-tag',
  UnterminatedTag = 'xml-unterminated-tag',
  InvalidName = 'xml-invalid-name',
  BrokenSelfClose = 'xml-broken-self-close',
  MalformedCData = 'xml-malformed-cdata',
  UnterminatedCData = 'xml-unterminated-cdata',
  MalformedComment = 'xml-malformed-comment',
  UnterminatedComment = 'xml-unterminated-comment',
  MalformedDeclaration = 'xml-malformed-declaration',
  MisplacedDeclaration = 'xml-misplaced-declaration',
  MisplacedDoctype = 'xml-misplaced-doctype',
  EntityNotExpanded = 'xml-entity-not-expanded',
  UnknownEntity = 'xml-unknown-entity',
  MalformedReference = 'xml-malformed-reference',
  InvalidCharacter = 'xml-invalid-character',
  TextOutsideRoot = 'xml-text-outside-root',
  MultipleRoots = 'xml-multiple-roots',
  NoRoot = 'xml-no-root',
  MalformedAttribute = 'xml-malformed-attribute',
  DuplicateAttribute = 'xml-duplicate-attribute',
  CDataEndInText = 'xml-cdata-end-in-text',
  UnescapedLessThan = 'xml-unescaped-less-than',
  TooDeep = 'xml-too-deep',
  // Schema validity (from the content model).
  WrongRoot = 'wrong-root',
  UnknownElement = 'unknown-element',
  ElementNotAllowedHere = 'element-not-allowed-here',
  MissingRequiredElement = 'missing-required-element',
  WrongOrder = 'wrong-order',
  ChoiceViolation = 'choice-violation',
  TooManyOccurrences = 'too-many-occurrences',
  InvalidEnumeration = 'invalid-enumeration',
  InvalidValue = 'invalid-value',
  OutOfRange = 'out-of-range',
  FixedValue = 'fixed-value',
  TextNotAllowed = 'text-not-allowed',
  ChildrenNotAllowed = 'children-not-allowed',
  UnknownAttribute = 'unknown-attribute',
  MissingAttribute = 'missing-attribute',
  InvalidAttributeValue = 'invalid-attribute-value',
  // The schema itself (the qualys.optionProfile.schemaPath setting).
  SchemaLoadFailed = 'schema-load-failed',
  // More problems than are published.
  TooManyProblems = 'too-many-problems',
}

export const xmlProblemCodes: Record<XmlProblemKind, OptionProfileCode> = {
  [XmlProblemKind.UnclosedElement]: OptionProfileCode.UnclosedElement,
  [XmlProblemKind.MismatchedEndTag]: OptionProfileCode.MismatchedEndTag,
  [XmlProblemKind.UnexpectedEndTag]: OptionProfileCode.UnexpectedEndTag,
  [XmlProblemKind.UnterminatedStartTag]: OptionProfileCode.UnterminatedTag,
  [XmlProblemKind.InvalidName]: OptionProfileCode.InvalidName,
  [XmlProblemKind.BrokenSelfClose]: OptionProfileCode.BrokenSelfClose,
  [XmlProblemKind.MalformedCData]: OptionProfileCode.MalformedCData,
  [XmlProblemKind.UnterminatedCData]: OptionProfileCode.UnterminatedCData,
  [XmlProblemKind.MalformedComment]: OptionProfileCode.MalformedComment,
  [XmlProblemKind.UnterminatedComment]: OptionProfileCode.UnterminatedComment,
  [XmlProblemKind.MalformedDeclaration]: OptionProfileCode.MalformedDeclaration,
  [XmlProblemKind.MisplacedDeclaration]: OptionProfileCode.MisplacedDeclaration,
  [XmlProblemKind.MisplacedDoctype]: OptionProfileCode.MisplacedDoctype,
  [XmlProblemKind.InternalEntityNotExpanded]: OptionProfileCode.EntityNotExpanded,
  [XmlProblemKind.UnknownEntity]: OptionProfileCode.UnknownEntity,
  [XmlProblemKind.MalformedReference]: OptionProfileCode.MalformedReference,
  [XmlProblemKind.InvalidCharReference]: OptionProfileCode.InvalidCharacter,
  [XmlProblemKind.TextOutsideRoot]: OptionProfileCode.TextOutsideRoot,
  [XmlProblemKind.MultipleRoots]: OptionProfileCode.MultipleRoots,
  [XmlProblemKind.NoRoot]: OptionProfileCode.NoRoot,
  [XmlProblemKind.MalformedAttribute]: OptionProfileCode.MalformedAttribute,
  [XmlProblemKind.DuplicateAttribute]: OptionProfileCode.DuplicateAttribute,
  [XmlProblemKind.CDataEndInText]: OptionProfileCode.CDataEndInText,
  [XmlProblemKind.UnescapedLessThan]: OptionProfileCode.UnescapedLessThan,
  [XmlProblemKind.TooDeep]: OptionProfileCode.TooDeep,
};

/** What quick fixes need, stored in `diagnostic.data` (offsets into the version that was validated). */
export interface ProblemData {
  readonly code: OptionProfileCode;
  /** The element the problem is about. */
  readonly element?: string;
  /** Text that replaces the diagnostic's range (XML repairs, a fixed value). */
  readonly replacement?: string;
  /** Allowed values (enumeration, fixed), for "closest value" fixes. */
  readonly allowed?: readonly string[];
  /** The element's whole extent, for remove and move fixes. */
  readonly elementStart?: number;
  readonly elementEnd?: number;
  /** Missing elements to insert (alternatives of one choice, or one required name), and where. */
  readonly missing?: readonly string[];
  /** The declaration id of the parent whose content model names `missing`. */
  readonly parentDeclId?: string;
  readonly insertAt?: number;
  /** Where a misplaced element belongs (the offset of the element it must precede, or after which it goes). */
  readonly moveTo?: number;
  /** The range of the text value (for value replacements). */
  readonly valueStart?: number;
  readonly valueEnd?: number;
}

export interface OptionProfileProblem {
  readonly code: OptionProfileCode;
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
  readonly data: ProblemData;
}

const list = (names: readonly string[]): string => names.map((n) => `<${n}>`).join(', ');
/** The `{missing}`/`{roots}` hole: one name, or "one of" the alternatives. */
export const alternatives = (names: readonly string[]): string => (names.length === 1 ? `<${names[0]}>` : `one of ${list(names)}`);

/**
 * The message table of option profiles (common/diagnosticTable.ts). Schema problems get their
 * sentences here (holes of document names are cut by the template's quoting rule, util/limits.ts); a simple value's sentence is written by the value checker (schema/simpleValue.ts)
 * and passed in `{message}`. Well-formedness sentences are the XML parser's, under the codes of
 * `xmlProblemCodes`.
 */
const optionProfileMessages = {
  wrongRoot: { code: OptionProfileCode.WrongRoot, severity: E, text: 'The root element must be {roots}, not <{name}>' },
  unknownElement: { code: OptionProfileCode.UnknownElement, severity: E, text: 'Unknown element <{name}> in <{parent}>: the option profile schema declares no such element{hint}' },
  notAllowedHere: { code: OptionProfileCode.ElementNotAllowedHere, severity: E, text: '<{name}> is not allowed in <{parent}> (allowed: {allowed})' },
  notAllowedHereNone: { code: OptionProfileCode.ElementNotAllowedHere, severity: E, text: '<{name}> is not allowed in <{parent}> (<{parent}> takes no further elements here)' },
  missingAtEnd: { code: OptionProfileCode.MissingRequiredElement, severity: E, text: '<{parent}> is missing the required element {missing}' },
  missingBefore: { code: OptionProfileCode.MissingRequiredElement, severity: E, text: '<{parent}> is missing the required element {missing} before <{before}>' },
  wrongOrderBetween: { code: OptionProfileCode.WrongOrder, severity: E, text: '<{name}> is out of order: it must come after <{after}> and before <{before}>' },
  wrongOrderAfter: { code: OptionProfileCode.WrongOrder, severity: E, text: '<{name}> is out of order: it must come after <{after}>' },
  wrongOrderBefore: { code: OptionProfileCode.WrongOrder, severity: E, text: '<{name}> is out of order: it must come before <{before}>' },
  wrongOrder: { code: OptionProfileCode.WrongOrder, severity: E, text: '<{name}> is out of order: it must come' },
  choice: { code: OptionProfileCode.ChoiceViolation, severity: E, text: '<{name}> cannot be used together with <{taken}>: <{parent}> takes only one of {options}' },
  tooManyOnce: { code: OptionProfileCode.TooManyOccurrences, severity: E, text: '<{name}> may appear at most once in <{parent}>' },
  tooMany: { code: OptionProfileCode.TooManyOccurrences, severity: E, text: '<{name}> may appear at most {max} times in <{parent}>' },
  textNotAllowed: { code: OptionProfileCode.TextNotAllowed, severity: E, text: 'Text is not allowed directly in <{parent}>: it holds only elements' },
  mustBeEmpty: { code: OptionProfileCode.ChildrenNotAllowed, severity: E, text: '<{parent}> must be empty' },
  textOnly: { code: OptionProfileCode.ChildrenNotAllowed, severity: E, text: '<{parent}> holds a value, not elements: <{child}> is not allowed in it' },
  unknownAttribute: { code: OptionProfileCode.UnknownAttribute, severity: E, text: '<{element}> has no attribute {name}' },
  missingAttribute: { code: OptionProfileCode.MissingAttribute, severity: E, text: '<{element}> needs the attribute {name}' },
  invalidAttributeValue: { code: OptionProfileCode.InvalidAttributeValue, severity: E, text: '{message}' },
  invalidEnumeration: { code: OptionProfileCode.InvalidEnumeration, severity: E, text: '{message}' },
  outOfRange: { code: OptionProfileCode.OutOfRange, severity: E, text: '{message}' },
  fixedValue: { code: OptionProfileCode.FixedValue, severity: E, text: '{message}' },
  invalidValue: { code: OptionProfileCode.InvalidValue, severity: E, text: '{message}' },
  schemaLoadFailed: {
    code: OptionProfileCode.SchemaLoadFailed,
    severity: W,
    // {path} is the user's setting, quoted by the caller and kept whole (a quoted hole would be cut).
    text: 'The option profile schema {path} (setting qualys.optionProfile.schemaPath) could not be used, so the bundled schema is used instead: {reason}',
  },
} satisfies Record<string, MessageSpec<OptionProfileCode>>;

export type OptionProfileMessageId = keyof typeof optionProfileMessages;

export const optionProfileTable = new DiagnosticTable<OptionProfileMessageId, OptionProfileCode>(DIAGNOSTIC_SOURCE, optionProfileMessages);

/** A problem of message `id`, at [start, end) of the validated text. */
export function problemOf(id: OptionProfileMessageId, start: number, end: number, args: MessageArgs, data: Omit<ProblemData, 'code'> = {}): OptionProfileProblem {
  const spec = optionProfileTable.messages[id];
  const code = spec.code;
  return { code, start, end, message: optionProfileTable.format(id, args), severity: spec.severity === E ? 'error' : 'warning', data: { code, ...data } };
}
