/**
 * What a tree row shows, as plain data: the VS Code glue (views/treeItem.ts) turns a Row into a
 * TreeItem. Node kinds build rows without importing `vscode`, so they are tested without VS Code.
 */

/** Node kinds; each is the first part of the row's contextValue, so menus can target it. */
export type RowKind =
  | 'host'
  | 'authType'
  | 'authRecord'
  | 'policy'
  | 'postureHost'
  | 'postureControl'
  | 'controlGroup'
  | 'failingHost'
  | 'detection'
  | 'qidGroup'
  | 'loadMore'
  | 'error'
  | 'message';

/** A codicon id and an optional theme color id (e.g. 'testing.iconPassed'). */
export interface RowIcon {
  readonly id: string;
  readonly color?: string;
}

/** The command a click runs, by id; the glue passes the node as the argument. */
export type RowAction = 'qualys.loadMore' | 'qualys.retry' | 'qualys.openDetails' | 'qualys.signIn';

export interface Row {
  /** Stable across refreshes (so the tree keeps its state and does not flicker), unique in the view. */
  readonly id: string;
  readonly kind: RowKind;
  readonly label: string;
  readonly description?: string;
  /** Markdown. */
  readonly tooltip?: string;
  readonly icon?: RowIcon;
  readonly collapsible: 'none' | 'collapsed' | 'expanded';
  readonly action?: RowAction;
  /** What "Copy ID" copies. */
  readonly copyId?: string;
  /** What "Copy IP" copies. */
  readonly copyIp?: string;
  /** What "Copy QID" copies. */
  readonly copyQid?: string;
  /** True when "Download Detections (All Pages)" applies (the row's detections can be downloaded). */
  readonly download?: boolean;
  /** True when "Open Details" applies. */
  readonly hasDetails?: boolean;
}

/**
 * The contextValue of a row: its kind, then one flag per applicable item action, e.g.
 * 'host:details:copyId:copyIp', 'error:copyId:retry:log'. package.json menus match the flags with
 * `viewItem =~ /:copyIp/`.
 */
export function contextValueOf(row: Row): string {
  let value = row.kind;
  if (row.hasDetails) value += ':details';
  if (row.copyId !== undefined) value += ':copyId';
  if (row.copyIp !== undefined) value += ':copyIp';
  if (row.copyQid !== undefined) value += ':copyQid';
  if (row.download) value += ':download';
  if (row.action === 'qualys.retry') value += ':retry';
  if (row.kind === 'error') value += ':log';
  return value;
}

/**
 * Escapes one line of Qualys text for Markdown, so it renders as written (details documents open in
 * the Markdown preview, tooltips are rendered): inline markup, links, HTML, entities and table pipes are
 * escaped everywhere; block markers (#, -, +, >, "1.") only at the start, where they would start a heading, a
 * list or a quote. Line breaks become spaces (for table cells and list items; see mdText).
 */
export function md(text: string | number | undefined): string {
  if (text === undefined) return '';
  return String(text)
    .replace(/([\\`*_[\]<>|~&])/g, '\\$1')
    .replace(/\r?\n/g, ' ')
    .replace(/^(\s*)([#+>-])(?=\s|$)/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2');
}

/**
 * Escapes multi-line Qualys text (a statement, a remediation, comments) for a Markdown block: its
 * line breaks and blank lines stay, leading indentation goes (it would turn the line into code, where
 * escapes show), and a line that could underline the one before into a heading or draw a rule
 * (`===`, `---`, `***`) is escaped too.
 */
export function mdText(text: string | undefined): string {
  if (text === undefined) return '';
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n\s*/);
  return paragraphs
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .map((line) => md(line).replace(/^([=*-])/, '\\$1'))
        // A backslash before the line break is CommonMark's hard line break.
        .join('\\\n'),
    )
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}
