// `compare --json` when backends disagree: stdout must still be one JSON document (the
// error object), not the report followed by the error. Backends are replaced by in-process
// fakes; "lambda" draws from another seed, as a broken backend would.
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseShardTask, runShard, type ShardTask } from '../../src/core/shard/protocol.js';
import type { BackendRunOptions, ComputeBackend, ShardOutcome } from '../../src/ports.js';
import { captureContext } from '../helpers/capture-context.js';
import { sharedDataDir, tempDir } from '../helpers/paths.js';

vi.mock('../../src/backends/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/backends/index.js')>();
  const fake = (name: string, seedShift: number): ComputeBackend => ({
    name,
    usage: () => ({ backend: 'local' }),
    close: async () => {},
    run: async (tasks: readonly ShardTask[], options: BackendRunOptions = {}): Promise<ShardOutcome[]> =>
      tasks.map((task, index) => {
        const outcome = { result: runShard(parseShardTask({ ...task, seed: task.seed + seedShift })), ms: 1, attempts: 1 };
        options.onShardDone?.(index, outcome);
        return outcome;
      }),
  });
  return { ...real, createBackend: async (name: string) => fake(name, name === 'local' ? 0 : 1) };
});

describe('compare --json with backends that disagree', () => {
  it('exits 1 with one JSON document on stdout: the error, naming the backend', async () => {
    const { ctx, stdout } = captureContext({ STOCKRISK_HOME: tempDir(), STOCKRISK_DATA_DIR: sharedDataDir });
    const args = ['compare', 'AMZN', '--date', '2020-03-23', '--backends', 'local,lambda', '--sims', '2000', '-r', '2', '--seed', '7', '--json'];
    const code = await main(args, ctx);
    expect(code).toBe(1);
    const parsed = JSON.parse(stdout()) as { error: { code: string; message: string } };
    expect(parsed.error.code).toBe('worker');
    expect(parsed.error.message).toMatch(/different results for the same seed: lambda/);
  });
});
