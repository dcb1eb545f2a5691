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

/** Reads one document into targets by rules; the root rule is picked by the root element's name. */
export class RecordReader implements XmlEvents {
  /**
   * The open elements that have rules, one entry per level in three parallel stacks (no object per
   * element: a detection page has some 340,000 of them): the rule, its target, whether it has had a
   * child element.
   */
  private readonly rules: Rule[] = [];
  private readonly targets: unknown[] = [];
  private readonly hasChildren: boolean[] = [];
  private depth = 0;
  readonly scanner: XmlScanner;

  constructor(private readonly roots: Rules<unknown>, private readonly top: unknown, limits?: ScannerLimits) {
    this.scanner = new XmlScanner(this, limits);
  }

  open(name: string, attributes: string): Want {
    const depth = this.depth;
    let rule: Rule | undefined;
    let parentTarget: unknown;
    if (depth > 0) {
      this.hasChildren[depth - 1] = true;
      const children = this.rules[depth - 1]!.children;
      rule = children ? (children[name] ?? children['*']) : undefined;
      parentTarget = this.targets[depth - 1];
    } else {
      rule = this.roots[name];
      parentTarget = this.top;
    }
    // An element without a rule is skipped whole by the scanner: nothing inside it is reported.
    if (!rule) return Want.Skip;
    const target = rule.create ? rule.create(parentTarget) : parentTarget;
    if (rule.attributes && attributes) rule.attributes(target, attributes);
    if (rule.raw) this.scanner.captureRaw();
    this.rules[depth] = rule;
    this.targets[depth] = target;
    this.hasChildren[depth] = false;
    this.depth = depth + 1;
    return rule.text !== undefined ? Want.Text : Want.Children;
  }

  close(name: string, text: string | undefined): void {
    const depth = --this.depth;
    const rule = this.rules[depth]!;
    const target = this.targets[depth];
    // The target is let go with its element (a finished record is not kept alive by the stack).
    this.targets[depth] = undefined;
    if (rule.text && text !== undefined && !(rule.scalarOnly && this.hasChildren[depth])) {
      const value = text.trim();
      if (value) rule.text(target, value, name);
    }
    if (rule.done) rule.done(depth > 0 ? this.targets[depth - 1] : this.top, target, rule.raw ? this.scanner.takeRaw() : undefined, name);
  }
}

/** Reads a whole document held in memory (tests, small answers, details); answers the scan error. */
export function readDocument(roots: Rules<unknown>, top: unknown, text: string): { root: string | undefined; error: string | undefined } {
  const reader = new RecordReader(roots, top);
  reader.scanner.write(text);
  const error = reader.scanner.end();
  return { root: reader.scanner.root, error };
}
