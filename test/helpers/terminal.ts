// Drive the real binary on a pseudo-terminal (util-linux `script` allocates one), answering
// each prompt as a person would.
import { spawn, spawnSync } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import { binPath, repoRoot } from './paths.js';

export const hasScript: boolean = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
export const ENTER = '\r';
export const DOWN = '\u001b[B';
export const BACKSPACE = '\u007f';

/** Run `stockrisk <args>`; answer each prompt (found by its text) with keys, in order. Resolves with the screen, escapes removed. */
export function runOnTerminal(args: string, steps: [prompt: string, keys: string][], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', `${process.execPath} ${binPath} ${args}`.trim(), '/dev/null'], {
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
