import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
/** The real Yahoo files shared beside the repository (CI puts shared/ there too). */
export const sharedDataDir = resolve(repoRoot, '..', 'shared', 'data');
export const binPath = join(repoRoot, 'bin', 'stockrisk.js');

export function tempDir(prefix = 'stockrisk-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Whether python3 with numpy is available for reference computations. */
export const hasNumpy: boolean = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;
