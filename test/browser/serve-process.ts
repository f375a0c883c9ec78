// Starts `stockrisk serve` as the real built binary on an ephemeral port and stops it.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { binPath, repoRoot } from '../helpers/paths.js';

export interface ServeProcess {
  /** e.g. http://127.0.0.1:40123 (no trailing slash). */
  readonly url: string;
  /** Everything the server printed on stdout so far. */
  output(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export function startServe(args: readonly string[], env: Record<string, string>): Promise<ServeProcess> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [binPath, 'serve', ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start in 20 s\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, 20_000);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /listening on (http:\/\/[^\s/]+)\//.exec(stdout);
      // The last line of the start-up message: everything before it has been printed.
      if (match?.[1] === undefined || !stdout.includes('press Ctrl-C to stop')) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        output: () => stdout,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before listening\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  });
}
