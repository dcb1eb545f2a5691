/**
 * A VS Code window in Chromium, driven the way a person drives it: keyboard shortcuts, the command
 * palette, Quick Open, clicks on rows. Every helper waits for a condition in the DOM (a row, a
 * widget, a text) and never for a fixed time.
 */
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { ensureChromium } from './install';

/** Flags from shared/guides/real-vscode.md: root on a closed network, no GPU. */
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const TIMEOUT_MS = 30_000;
/** The first load fetches the whole workbench from code-server: on a shared machine under a load of
 *  20 it took longer than 30 s (every later step is far shorter). */
const STARTUP_TIMEOUT_MS = 120_000;

export class Workbench {
  private constructor(
    private readonly browser: Browser,
    readonly page: Page,
  ) {}

  /** Opens `url` (a code-server workspace URL) and waits until the explorer shows the folder. */
  static async open(url: string): Promise<Workbench> {
    const browser = await chromium.launch({ executablePath: ensureChromium(), args: chromiumArgs });
    try {
      const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
      page.setDefaultTimeout(TIMEOUT_MS);
      await page.goto(url, { timeout: STARTUP_TIMEOUT_MS });
      await page.locator('.monaco-workbench').waitFor({ timeout: STARTUP_TIMEOUT_MS });
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
      return new Workbench(browser, page);
    } catch (err) {
      await browser.close();
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }

  /** Saves the window as a PNG. Transitions (a hover or a notification fading in) are finished
   *  first, so the picture shows the state reached, not a frame on the way to it. */
  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, animations: 'disabled' });
  }

  // ---- commands and files ----------------------------------------------------------------------

  /** Runs a command by its palette label (e.g. "View: Focus Problems"). `opensPicker`: the command
   *  shows a quick pick of its own, so the widget stays open. */
  async runCommand(label: string, opensPicker = false): Promise<void> {
    // Extension commands are found by their title without the category ("Qualys: Sign In" does
    // not match its own row in code-server's palette; "Sign In" does).
    const query = label.replace(/^[\w ]+: /, '');
    const row = this.page.locator(`.quick-input-widget .monaco-list-row.focused[aria-label^="${label.replace(/"/g, '\\"')}"]`);
    const input = this.page.locator('.quick-input-widget input');
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      await this.page.keyboard.press('F1');
      await input.waitFor();
      await input.fill(`>${query}`);
      // The palette lists the commands known when it opened: right after start-up an extension's
      // contributions may not be there yet, so close it and look again.
      const found = await row.waitFor({ timeout: 3000 }).then(() => true, () => false);
      if (found) break;
      if (Date.now() > deadline) throw new Error(`no command "${label}" in the command palette`);
      await input.press('Escape');
    }
    await input.press('Enter');
    if (opensPicker) await this.page.locator('.quick-input-widget input:not([placeholder^="Type the name of a command"])').waitFor();
    else await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** A row of the open quick pick whose label contains `text`. */
  quickPickRow(text: string): Locator {
    return this.page.locator('.quick-input-widget .monaco-list-row', { hasText: text });
  }

  /** Opens a workspace file through Quick Open and waits until its editor tab is active. */
  async openFile(relativePath: string): Promise<void> {
    const name = relativePath.split('/').pop()!;
    const input = this.page.locator('.quick-input-widget input');
    const focused = this.page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: name });
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      await this.page.keyboard.press('Control+P');
      await input.waitFor();
      await input.fill(relativePath);
      // The list filters as it is typed into: wait until the file is the focused (first) pick. On a
      // loaded machine the file search can answer after the list settled, and the row then shows
      // without focus: close Quick Open and ask again.
      if (await focused.waitFor({ timeout: 5000 }).then(() => true, () => false)) break;
      if (Date.now() > deadline) throw new Error(`Quick Open did not offer ${relativePath}`);
      await input.press('Escape');
    }
    await input.press('Enter');
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
    await this.editor().locator('.view-line').first().waitFor();
  }

  /** The active text editor. */
  editor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** Moves the cursor of the active editor with Quick Open's "Go to Line/Column" (1-based).
   *  (Ctrl+G belongs to the browser in code-server; ":" in Quick Open is the same command.) */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`:${line}:${column}`);
    await this.quickPickRow(`line ${line}`).first().waitFor();
    await input.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Saves the active editor and waits until its tab no longer shows unsaved changes. */
  async save(): Promise<void> {
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
  }

  /** Waits until a visible line of the active editor matches `text`. */
  async waitForEditorLine(text: string | RegExp): Promise<string> {
    const line = this.editor().locator('.view-line', { hasText: text }).first();
    await line.waitFor();
    return (await line.textContent()) ?? '';
  }

  // ---- language features -----------------------------------------------------------------------

  /** Opens the Problems panel and waits until it lists exactly `count` problems; returns their
   *  labels ("Error: message at line L and character C. generated by SOURCE"). */
  async waitForProblemCount(count: number): Promise<string[]> {
    await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const handle = await this.page.waitForFunction(
      ({ selector, expected }) => {
        // Runs in the page (this project compiles without the DOM library, hence the cast).
        const page = globalThis as unknown as { document: { querySelectorAll(selector: string): Iterable<{ getAttribute(name: string): string | null }> } };
        const labels = [...page.document.querySelectorAll(selector)].map((row) => row.getAttribute('aria-label') ?? '');
        // File rows ("7 problems in file a.xml of folder b") group the problems; only problems count.
        const problems = labels.filter((label) => /^(Error|Warning|Info): /.test(label));
        return problems.length === expected ? problems : undefined;
      },
      { selector: '.markers-panel .monaco-list-row[aria-label]', expected: count },
      { polling: 100 },
    ).catch(async (err: unknown) => {
      throw new Error(`expected ${count} problems; the panel shows:\n${(await this.problemLabels()).join('\n')}\n${String(err)}`);
    });
    return (await handle.jsonValue()) as string[];
  }

  /** Opens the Problems panel and waits for a problem whose text matches; returns its label. */
  async waitForProblem(text: string | RegExp): Promise<string> {
    await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const row = this.page.locator('.markers-panel .monaco-list-row', { hasText: text }).first();
    await row.waitFor();
    return (await row.getAttribute('aria-label')) ?? (await row.textContent()) ?? '';
  }

  /** The labels of the rows the Problems panel shows now. */
  async problemLabels(): Promise<string[]> {
    return this.page.locator('.markers-panel .monaco-list-row[aria-label]').evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
  }

  /** Triggers completion at the cursor and waits for a row whose label matches. */
  async waitForCompletion(label: string): Promise<string[]> {
    // Asked again until the row shows: the language client loads after activation, and a request
    // made before it is ready gets VS Code's word suggestions, which do not refresh by themselves.
    return this.waitForCompletionWhere(`'${label}'`, (labels) => labels.includes(label));
  }

  /** With the completion widget open, moves to the row labelled `label` and accepts it. */
  async acceptCompletion(label: string): Promise<void> {
    const widget = this.page.locator('.editor-widget.suggest-widget.visible');
    const rows = await widget.locator('.monaco-list-row').count();
    for (let i = 0; i <= rows; i++) {
      const focused = (await widget.locator('.monaco-list-row.focused .label-name').textContent()) ?? '';
      if (focused.trim() === label) {
        await this.page.keyboard.press('Enter');
        await widget.waitFor({ state: 'hidden' });
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`no completion labelled ${label}`);
  }

  /** Shows the hover at the cursor (Ctrl+K Ctrl+I) and waits for text matching `text`. */
  async waitForHover(text: string | RegExp): Promise<string> {
    // Asked again until it shows: a hover asked before the server answers stays empty.
    const hover = this.page.locator('.monaco-hover:not(.hidden)', { hasText: text }).first();
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      await this.page.keyboard.press('Control+K');
      await this.page.keyboard.press('Control+I');
      if (await hover.waitFor({ timeout: 5000 }).then(() => true, () => false)) return (await hover.textContent()) ?? '';
      if (Date.now() > deadline) throw new Error(`no hover showed ${String(text)}`);
      await this.page.keyboard.press('Escape');
    }
  }

  /** Opens the quick fix menu at the cursor (Ctrl+.) and applies the action whose title matches. */
  async applyQuickFix(title: string | RegExp): Promise<void> {
    const widget = this.page.locator('.action-widget');
    // Asked again until the action shows: under load the menu can come up before the server's code
    // actions arrive (with "No code actions available" or without the one wanted), and stays so.
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      await this.page.keyboard.press('Control+.');
      if (await widget.locator('.monaco-list-row', { hasText: title }).first().waitFor({ timeout: 5000 }).then(() => true, () => false)) break;
      if (Date.now() > deadline) {
        const shown = await widget.locator('.monaco-list-row').allTextContents().catch(() => []);
        throw new Error(`no quick fix matching ${String(title)}; the menu showed: ${shown.join(' | ') || '(nothing)'}`);
      }
      await this.page.keyboard.press('Escape');
    }
    // The menu is keyboard-driven (a pointer block covers it at first): move the focus to the row.
    const rows = await widget.locator('.monaco-list-row').count();
    for (let i = 0; i <= rows; i++) {
      const focused = (await widget.locator('.monaco-list-row.focused').textContent()) ?? '';
      if (typeof title === 'string' ? focused.includes(title) : title.test(focused)) {
        await this.page.keyboard.press('Enter');
        await widget.waitFor({ state: 'hidden' });
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`no quick fix matching ${String(title)}`);
  }

  /** Triggers completion until a row's label satisfies `wanted` (values fetched in the background
   *  arrive after the file opens: close the widget and ask again); returns the labels shown. */
  async waitForCompletionWhere(what: string, wanted: (labels: string[]) => boolean): Promise<string[]> {
    const widget = this.page.locator('.editor-widget.suggest-widget.visible');
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      await this.page.keyboard.press('Control+Space');
      const shown = await widget.locator('.monaco-list-row').first().waitFor({ timeout: 5000 }).then(() => true, () => false);
      const labels = shown ? (await widget.locator('.monaco-list-row .label-name').allTextContents()).map((label) => label.trim()) : [];
      if (wanted(labels)) return labels;
      if (Date.now() > deadline) throw new Error(`no completion showed ${what}; the last ones were: ${labels.join(', ')}`);
      await this.page.keyboard.press('Escape');
      await widget.waitFor({ state: 'hidden' });
    }
  }

  // ---- notifications and dialogs ---------------------------------------------------------------

  /** Closes every notification (a sign-in message, an earlier error), so that what a test shows next
   *  is not covered by what came before. */
  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.locator('.notification-toast').first().waitFor({ state: 'detached' });
  }

  /** Waits for a notification toast whose text matches; returns its text. */
  async waitForNotification(text: string | RegExp): Promise<string> {
    const toast = this.page.locator('.notification-toast', { hasText: text }).first();
    await toast.waitFor();
    return (await toast.textContent()) ?? '';
  }

  /** Waits for the modal dialog whose text matches; returns its text (message and detail). */
  async waitForDialog(text: string | RegExp): Promise<string> {
    const dialog = this.page.locator('.monaco-dialog-box', { hasText: text }).first();
    await dialog.waitFor();
    return (await dialog.textContent()) ?? '';
  }

  /** Clicks the modal dialog's button labelled `label` and waits until the dialog is gone. */
  /** Waits until no notification toast shows `text`: two may show at once while one fades out,
   *  which a single locator's wait refuses as ambiguous. */
  async waitForToastsGone(text: string, timeoutMs = 30_000): Promise<void> {
    const toasts = this.page.locator('.notification-toast', { hasText: text });
    const until = Date.now() + timeoutMs;
    while ((await toasts.count()) > 0) {
      if (Date.now() > until) throw new Error(`a notification showing "${text}" is still there after ${timeoutMs / 1000} s`);
      await this.page.waitForTimeout(100);
    }
  }

  async answerDialog(label: string): Promise<void> {
    const dialog = this.page.locator('.monaco-dialog-box');
    await dialog.locator('.monaco-button', { hasText: new RegExp(`^${label}$`) }).first().click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Clicks the `index`th CodeLens of the active editor whose title matches. */
  async clickCodeLens(title: string | RegExp, index = 0): Promise<void> {
    const lens = this.editor().locator('.codelens-decoration a', { hasText: title }).nth(index);
    await lens.click();
  }

  // ---- Markdown preview ------------------------------------------------------------------------

  /**
   * Waits until a Markdown preview (a webview: an iframe holding the rendered document in an inner
   * iframe) shows an element matching `selector` whose text matches; returns its text. The frames
   * are looked up again on each try: a preview that opens or updates replaces its inner frame.
   */
  async waitForPreview(selector: string, text: string | RegExp): Promise<string> {
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      for (const frame of this.page.frames()) {
        const element = frame.locator(`.markdown-body ${selector}, body.vscode-body ${selector}`, { hasText: text }).first();
        if ((await element.count().catch(() => 0)) > 0) return (await element.textContent().catch(() => '')) ?? '';
      }
      if (Date.now() > deadline) throw new Error(`no Markdown preview shows ${selector} with ${String(text)}`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Waits until a webview (the extension page's README, a preview) shows `count` images that
   *  loaded; returns their addresses. Each image is scrolled into sight first, as a reader scrolls
   *  (a page may load its images lazily); an image that cannot load stays at width 0. */
  async waitForWebviewImages(count: number): Promise<string[]> {
    const deadline = Date.now() + TIMEOUT_MS;
    let seen: string[] = [];
    for (;;) {
      for (const frame of this.page.frames()) {
        // Runs in the frame (this project compiles without the DOM library, hence the cast).
        const images = await frame
          .evaluate(() => {
            type Image = { complete: boolean; naturalWidth: number; src: string; scrollIntoView(): void };
            const doc = (globalThis as unknown as { document: { images: Iterable<Image> } }).document;
            return [...doc.images].map((image) => {
              if (!image.complete || image.naturalWidth === 0) image.scrollIntoView();
              return { src: image.src, loaded: image.complete && image.naturalWidth > 0 };
            });
          })
          .catch(() => [] as { src: string; loaded: boolean }[]);
        const loaded = images.filter((image) => image.loaded).map((image) => image.src);
        if (loaded.length >= count) return loaded;
        if (images.length > seen.length) seen = images.map((image) => `${image.loaded ? 'loaded' : 'NOT loaded'} ${image.src.slice(0, 160)}`);
      }
      if (Date.now() > deadline) throw new Error(`no webview showed ${count} loaded images; the one with most:\n${seen.join('\n')}`);
      await this.page.waitForTimeout(200);
    }
  }

  /** Scrolls the webview that shows an image whose address starts with `src` so that image is in
   *  sight (for the picture: the check itself is waitForWebviewImages). */
  async revealWebviewImage(src: string): Promise<void> {
    for (const frame of this.page.frames()) {
      const shown = await frame
        .evaluate((prefix) => {
          const doc = (globalThis as unknown as { document: { images: Iterable<{ src: string; scrollIntoView(options: { block: string }): void }> } }).document;
          const image = [...doc.images].find((candidate) => candidate.src.startsWith(prefix));
          image?.scrollIntoView({ block: 'center' });
          return image !== undefined;
        }, src)
        .catch(() => false);
      if (shown) return;
    }
    throw new Error(`no webview shows an image ${src.slice(0, 60)}…`);
  }

  /** Scrolls the Markdown preview so that the element matching `selector` and `text` is at the top. */
  async scrollPreviewTo(selector: string, text: string | RegExp): Promise<void> {
    await this.waitForPreview(selector, text);
    for (const frame of this.page.frames()) {
      const element = frame.locator(`body.vscode-body ${selector}`, { hasText: text }).first();
      if ((await element.count().catch(() => 0)) > 0) {
        await element.evaluate((node) => (node as unknown as { scrollIntoView(options: { block: string }): void }).scrollIntoView({ block: 'start' }));
        return;
      }
    }
  }

  /** The text of the Markdown preview that shows `heading` (an h1), for assertions on the whole document. */
  async previewText(heading: string | RegExp): Promise<string> {
    await this.waitForPreview('h1', heading);
    for (const frame of this.page.frames()) {
      const body = frame.locator('body.vscode-body', { has: frame.locator('h1', { hasText: heading }) });
      if ((await body.count().catch(() => 0)) > 0) return (await body.first().innerText()) ?? '';
    }
    throw new Error(`the preview with ${String(heading)} went away`);
  }

  // ---- views -----------------------------------------------------------------------------------

  /** Waits for a row of a tree or list view whose label matches. */
  async waitForTreeRow(label: string | RegExp, within = '.part.sidebar'): Promise<Locator> {
    const row = this.page.locator(`${within} .monaco-list-row`, { hasText: label }).first();
    await row.waitFor();
    return row;
  }

  /** Waits until the Output view's channel list offers `channel` (the output channel exists). */
  async waitForOutputChannel(channel: string): Promise<void> {
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      await this.runCommand('Output: Show Output Channels...', true);
      const input = this.page.locator('.quick-input-widget input[placeholder="Select Output Channel"]');
      await input.waitFor();
      if ((await this.quickPickRow(channel).count()) > 0) {
        // Show it: a person (and the screenshot) sees what the server logged.
        await input.fill(channel);
        await input.press('Enter');
        await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
        return;
      }
      if (Date.now() > deadline) throw new Error(`no output channel named ${channel}`);
      // The list is a snapshot taken when it opens: close it and look again.
      await input.press('Escape');
    }
  }
}
