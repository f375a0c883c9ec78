// Ctrl-C during a long local Monte Carlo run: the worker threads stop, the command exits 1
// with a cancelled error, and no result is stored.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binPath, repoRoot, sharedDataDir, tempDir } from '../helpers/paths.js';

describe('stockrisk var interrupted', () => {
  it('stops on SIGINT, exits 1 and stores nothing', async () => {
    const home = tempDir();
    const child = spawn(
      process.execPath,
      [binPath, 'var', 'AMZN', '--date', '2020-03-23', '--sims', '1e11', '-r', '2', '--method', 'mc', '--confidence', '50'],
      {
        cwd: repoRoot,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', STOCKRISK_HOME: home, STOCKRISK_DATA_DIR: sharedDataDir },
      },
    );
    let stderr = '';
    let interrupted = false;
    // The seed note is printed just before the shards start: interrupt then, once (a second
    // Ctrl-C would force an immediate exit).
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (!interrupted && stderr.includes('--seed ')) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/interrupted/);
    expect(stderr).toMatch(/error: the run was cancelled/);
    expect(existsSync(join(home, 'results'))).toBe(false);
  });
});
