/**
 * Long work (a validation) written as a generator: each `yield` marks a point where the caller may
 * stop, or pause to let the event loop run. The language server runs a slice of steps at a time
 * and yields to the event loop between slices (`runInSlices`), so that requests (completion,
 * hover) are answered between them and a newer version of the document cancels the run; tests and
 * benchmarks run all steps at once (`runSteps`).
 */
import type { CancellationToken } from 'vscode-languageserver';

export type Steps<T> = Generator<void, T, void>;

/** A run of steps stopped by cancellation. */
export const STOPPED = Symbol('stopped');

/** Runs every step now, checking `token` before each; a cancelled run is stopped (its `finally` blocks run). */
export function runSteps<T>(steps: Steps<T>, token?: CancellationToken): T | typeof STOPPED {
  for (;;) {
    if (token?.isCancellationRequested) {
      steps.return(undefined as T);
      return STOPPED;
    }
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Time a slice runs before the event loop gets a turn. */
export const SLICE_MS = 8;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs the steps in slices of about `sliceMs`, yielding to the event loop (setImmediate) between
 * slices. Stopped, with the generator's `finally` blocks run, as soon as `token` is cancelled.
 */
export async function runInSlices<T>(steps: Steps<T>, token: CancellationToken, sliceMs = SLICE_MS, now: () => number = performance.now.bind(performance)): Promise<T | typeof STOPPED> {
  let sliceEnd = now() + sliceMs;
  for (;;) {
    if (token.isCancellationRequested) {
      steps.return(undefined as T);
      return STOPPED;
    }
    const step = steps.next();
    if (step.done) return step.value;
    if (now() >= sliceEnd) {
      await yieldToEventLoop();
      sliceEnd = now() + sliceMs;
    }
  }
}

/**
 * Steps that more than one caller may drive: each takes a step when it has time, and one that needs
 * the result at once finishes the rest (a hover during a document's first parse, which the
 * diagnostics run drives a slice at a time).
 */
export class StepJob<T> {
  private done = false;
  private result: T | undefined;
  /** What a step threw: every later step throws it again (a finished generator has no result). */
  private failed: { readonly error: unknown } | undefined;

  constructor(private readonly steps: Steps<T>) {}

  /** Takes one step; true once the result is there. */
  step(): boolean {
    if (this.failed) throw this.failed.error;
    if (this.done) return true;
    let step: IteratorResult<void, T>;
    try {
      step = this.steps.next();
    } catch (error) {
      this.failed = { error };
      throw error;
    }
    if (!step.done) return false;
    this.result = step.value;
    this.done = true;
    return true;
  }

  finish(): T {
    while (!this.step());
    return this.result as T;
  }
}
