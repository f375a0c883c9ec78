// `stockrisk var` without a ticker or date on a real pseudo-terminal (util-linux `script`):
// it asks for the company and then for the signal date, then runs.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { binPath, repoRoot, sharedDataDir, tempDir } from '../helpers/paths.js';

const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
const ENTER = '\r';
const DOWN = '\u001b[B';

function runOnTerminal(args: string, steps: [prompt: string, keys: string][], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', `${process.execPath} ${binPath} ${args}`, '/dev/null'], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm', COLUMNS: '80', LINES: '40', ...env },
    });
    let output = '';
    let step = 0;
    let searchFrom = 0;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const next = steps[step];
      if (next === undefined) return;
      const found = output.indexOf(next[0], searchFrom);
      if (found < 0) return;
      searchFrom = found + next[0].length;
      step++;
      setTimeout(() => child.stdin.write(next[1]), 200);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(stripVTControlCharacters(output));
    });
  });
}

describe.skipIf(!hasScript)('stockrisk var on a terminal (skipped without util-linux script)', () => {
  it('asks for the company and the signal date when they are left out', async () => {
    // Second company (AAPL), then the second most recent signal date.
    const screen = await runOnTerminal(
      'var --seed 3 --sims 20000 -r 2',
      [
        ['Company', `${DOWN}${ENTER}`],
        ['Signal date', `${DOWN}${ENTER}`],
      ],
      { STOCKRISK_DATA_DIR: sharedDataDir, STOCKRISK_HOME: join(tempDir(), 'home') },
    );
    expect(screen).toContain('Signal date (window 20)');
    expect(screen).toMatch(/AAPL \d{4}-\d{2}-\d{2} \((buy|sell)\): (long|short) 100 shares/);
    expect(screen).toContain('Monte Carlo');
  });
});
