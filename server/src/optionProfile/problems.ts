/**
 * Every problem the option profile language service reports: one stable code per kind of mistake,
 * the message table, and the `data` shape quick fixes read. Well-formedness codes mirror the tolerant
 * parser's XmlProblemKind one to one (their sentences are written by the parser, which knows the
 * names involved); schema codes get their sentences here.
 */
import { quote, tooManyProblemsMessage } from '../util/limits';
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
const alternatives = (names: readonly string[]): string => (names.length === 1 ? `<${names[0]}>` : `one of ${list(names)}`);
/** A name from the document, cut to the quoting length (util/limits.ts). */
const q = (name: string): string => quote(name);

/** The message table for schema problems. */
export const messages = {
  wrongRoot: (name: string, roots: readonly string[]) => `The root element must be ${alternatives(roots)}, not <${q(name)}>`,
  unknownElement: (name: string, parent: string, suggestion?: string) =>
    `Unknown element <${q(name)}> in <${q(parent)}>: the option profile schema declares no such element` + (suggestion ? `. Did you mean <${suggestion}>?` : ''),
  notAllowedHere: (name: string, parent: string, allowed: readonly string[]) =>
    `<${q(name)}> is not allowed in <${q(parent)}>` + (allowed.length > 0 ? ` (allowed: ${allowed.join(', ')})` : ` (<${q(parent)}> takes no further elements here)`),
  missingAtEnd: (parent: string, missing: readonly string[]) => `<${q(parent)}> is missing the required element ${alternatives(missing)}`,
  missingBefore: (parent: string, missing: readonly string[], before: string) =>
    `<${q(parent)}> is missing the required element ${alternatives(missing)} before <${q(before)}>`,
  wrongOrder: (name: string, after: string | undefined, before: string | undefined) =>
    `<${q(name)}> is out of order: it must come` + (after ? ` after <${q(after)}>` : '') + (after && before ? ' and' : '') + (before ? ` before <${q(before)}>` : ''),
  choice: (name: string, taken: string, parent: string, options: readonly string[]) =>
    `<${q(name)}> cannot be used together with <${q(taken)}>: <${q(parent)}> takes only one of ${options.join(', ')}`,
  tooMany: (name: string, parent: string, max: number) => `<${q(name)}> may appear at most ${max === 1 ? 'once' : `${max} times`} in <${q(parent)}>`,
  textNotAllowed: (parent: string) => `Text is not allowed directly in <${q(parent)}>: it holds only elements`,
  mustBeEmpty: (parent: string) => `<${q(parent)}> must be empty`,
  textOnly: (parent: string, child: string) => `<${q(parent)}> holds a value, not elements: <${q(child)}> is not allowed in it`,
  unknownAttribute: (name: string, element: string) => `<${q(element)}> has no attribute ${q(name)}`,
  missingAttribute: (name: string, element: string) => `<${q(element)}> needs the attribute ${name}`,
  tooManyProblems: tooManyProblemsMessage,
  schemaLoadFailed: (path: string, reason: string) =>
    `The option profile schema '${path}' (setting qualys.optionProfile.schemaPath) could not be used, so the bundled schema is used instead: ${reason}`,
};
