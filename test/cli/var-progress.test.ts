import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import { progressBar } from '../../src/cli/var-progress.js';

function context(isTTY: boolean): { ctx: CliContext; written: () => string } {
  let text = '';
  const stderr = new Writable({
    write(chunk, _encoding, callback) {
      text += String(chunk);
      callback();
    },
  }) as Writable & { isTTY?: boolean };
  stderr.isTTY = isTTY;
  return { ctx: { stderr } as unknown as CliContext, written: () => text };
}

describe('VaR progress bar', () => {
  it('stays silent for the first second, then draws shards done and erases itself', () => {
    let clock = 0;
    const { ctx, written } = context(true);
    const bar = progressBar(ctx, 'AMZN 2020-03-23', { now: () => clock });
    bar.update({ done: 1, total: 4, round: 0 });
    expect(written()).toBe('');
    clock = 1500;
    bar.update({ done: 2, total: 4, round: 0 });
    expect(written()).toContain('AMZN 2020-03-23 [###############...............] 2/4 shards');
    bar.update({ done: 1, total: 4, round: 1 });
    expect(written()).toContain('refine round 1');
    bar.done();
    expect(written().endsWith('\r\u001b[2K')).toBe(true);
  });

  it('never writes when stderr is not a terminal', () => {
    let clock = 0;
    const { ctx, written } = context(false);
    const bar = progressBar(ctx, 'x', { now: () => clock });
    clock = 5000;
    bar.update({ done: 1, total: 2, round: 0 });
    bar.done();
    expect(written()).toBe('');
  });
});
