/**
 * Typed records straight from the scanner's events, with no tree in between: a document is read by
 * a table of rules (one per element a reader cares about, by name, nested as the document nests).
 * An element with no rule is skipped with everything in it, and its text is never decoded; a rule
 * may create a new target (a record, a tag) that its children's rules then fill, and hand it to its
 * parent when the element ends.
 *
 * Adding a document (the host detection list next) is adding a table: see parse/hostList.ts.
 */
import { Want, XmlScanner, type ScannerLimits, type XmlEvents } from './xmlScanner';

/**
 * What to do with one element. `P` is the parent's target, `C` the one this element's text,
 * attributes and children write into (the parent's, unless `create` makes a new one). Methods, not
 * function properties, so a table of rules with different targets is one type.
 */
export interface Rule<P = unknown, C = P> {
  /** Receives the element's trimmed text when it is not empty (`name` is the element's). */
  text?(target: C, value: string, name: string): void;
  /** Text only when the element holds no child element (mixed content is not a value). */
  readonly scalarOnly?: boolean;
  /** Receives the raw attribute text of the start tag (see attributeValue). */
  attributes?(target: C, raw: string): void;
  /** Rules of the children, by name; '*' applies to any child without a rule of its own. */
  readonly children?: Readonly<Record<string, Rule<C, unknown>>>;
  /** A new target for this element, made from the parent's; its children then write into it. */
  create?(parent: P): C;
  /** The element has ended: `created` (this element's target) is complete; `name` is the element's. */
  done?(parent: P, created: C, raw: string | undefined, name: string): void;
  /** Keep the element's raw text (start and end tags included) for `done`: details parsed later. */
  readonly raw?: boolean;
}

export type Rules<T> = Readonly<Record<string, Rule<T, unknown>>>;

interface Frame {
  readonly rule: Rule;
  readonly target: unknown;
  readonly parentTarget: unknown;
  hasChildren: boolean;
}

/** Reads one document into targets by rules; the root rule is picked by the root element's name. */
export class RecordReader implements XmlEvents {
  private readonly frames: Frame[] = [];
  readonly scanner: XmlScanner;

  constructor(private readonly roots: Rules<unknown>, private readonly top: unknown, limits?: ScannerLimits) {
    this.scanner = new XmlScanner(this, limits);
  }

  open(name: string, attributes: string): Want {
    const parent = this.frames[this.frames.length - 1];
    let rule: Rule | undefined;
    if (parent) {
      parent.hasChildren = true;
      const children = parent.rule.children;
      rule = children ? (children[name] ?? children['*']) : undefined;
    } else rule = this.roots[name];
    // An element without a rule is skipped whole by the scanner: nothing inside it is reported.
    if (!rule) return Want.Skip;
    const parentTarget = parent ? parent.target : this.top;
    const target = rule.create ? rule.create(parentTarget) : parentTarget;
    if (rule.attributes && attributes) rule.attributes(target, attributes);
    if (rule.raw) this.scanner.captureRaw();
    this.frames.push({ rule, target, parentTarget, hasChildren: false });
    return rule.text !== undefined ? Want.Text : Want.Children;
  }

  close(name: string, text: string | undefined): void {
    const frame = this.frames.pop()!;
    const rule = frame.rule;
    if (rule.text && text !== undefined && !(rule.scalarOnly && frame.hasChildren)) {
      const value = text.trim();
      if (value) rule.text(frame.target, value, name);
    }
    if (rule.done) rule.done(frame.parentTarget, frame.target, rule.raw ? this.scanner.takeRaw() : undefined, name);
  }
}

/** Reads a whole document held in memory (tests, small answers, details); answers the scan error. */
export function readDocument(roots: Rules<unknown>, top: unknown, text: string): { root: string | undefined; error: string | undefined } {
  const reader = new RecordReader(roots, top);
  reader.scanner.write(text);
  const error = reader.scanner.end();
  return { root: reader.scanner.root, error };
}
