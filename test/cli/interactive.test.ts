// The no-argument menu on a real pseudo-terminal (util-linux `script` allocates one).
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binPath, repoRoot, sharedDataDir, tempDir } from '../helpers/paths.js';

const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
const ENTER = '\r';
const DOWN = '\u001b[B';

/** Answer each prompt (found by its text) with keys, in order, as a person would. */
function runOnTerminal(steps: [prompt: string, keys: string][], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', `${process.execPath} ${binPath}`, '/dev/null'], {
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
      resolve(output.replace(/\u001b\[[0-9;?]*[a-zA-Z]/g, ''));
    });
  });
}

// Skipped only where util-linux's `script` (a pseudo-terminal) is missing; Debian has it.
describe.skipIf(!hasScript)('interactive menu (skipped without util-linux script)', () => {
  it('picks signals, a company and a window, then shows the signals', async () => {
    const home = join(tempDir(), 'home');
    // signals (first choice) -> second company (AAPL) -> window 50
    const screen = await runOnTerminal(
      [
        ['What do you want to do?', ENTER],
        ['Company', `${DOWN}${ENTER}`],
        ['Moving-average window', `\u007f\u007f50${ENTER}`],
      ],
      { STOCKRISK_DATA_DIR: sharedDataDir, STOCKRISK_HOME: home },
    );
    expect(screen).toContain('What do you want to do?');
    expect(screen).toContain('AAPL');
    expect(screen).toMatch(/AAPL {2}1980-12-12 to 2020-12-11 {2}10086 rows {2}MA\(50\)/);
    expect(screen).toContain('Strategy statistics');
  });
});
