// A progress bar for long VaR runs: on stderr, only when stderr is a terminal, and only
// once a run has taken more than a second (short runs print nothing).
import type { VarProgress } from '../app/var-run.js';
import type { CliContext } from './context.js';

const SHOW_AFTER_MS = 1000;
const BAR_WIDTH = 30;

export interface ProgressBar {
  update(progress: VarProgress): void;
  /** Erase the bar (before the result is printed). */
  done(): void;
}

export interface ProgressOptions {
  readonly now?: () => number;
  readonly showAfterMs?: number;
}

export function progressBar(ctx: CliContext, label: string, options: ProgressOptions = {}): ProgressBar {
  const stderr = ctx.stderr as NodeJS.WriteStream;
  if (stderr.isTTY !== true) return { update: () => {}, done: () => {} };
  const now = options.now ?? Date.now;
  const showAfterMs = options.showAfterMs ?? SHOW_AFTER_MS;
  const started = now();
  let shown = false;
  let last: VarProgress = { done: 0, total: 1, round: 0 };
  const draw = (): void => {
    if (now() - started < showAfterMs) return;
    const fraction = last.total === 0 ? 1 : last.done / last.total;
    const filled = Math.round(fraction * BAR_WIDTH);
    const round = last.round === 0 ? '' : ` refine round ${last.round}`;
    stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${last.done}/${last.total} shards${round}  `);
    shown = true;
  };
  // Also redraw on a timer: the first shards may take longer than a second to finish.
  const timer = setInterval(draw, 250);
  timer.unref();
  return {
    update(progress) {
      last = progress;
      draw();
    },
    done() {
      clearInterval(timer);
      if (shown) stderr.write('\r\u001b[2K');
    },
  };
}
