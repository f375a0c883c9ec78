// The EC2 worker as deployable files: ec2-worker/server and its shard thread bundled by
// esbuild (no node_modules needed on the instance), plus package.json marking them ESM.
// `stockrisk deploy ec2` writes it; the sandbox runs exactly the same files.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { builtFile } from '../built-file.js';

/** Files of the bundle, relative to its folder. */
export const workerEntryFile = 'server.js';

export async function writeWorkerBundle(outDir: string): Promise<string[]> {
  const entries = ['server.js', 'shard-thread.js'].map((file) => builtFile('ec2-worker', file));
  await mkdir(outDir, { recursive: true });
  const { build } = await import('esbuild');
  await build({
    entryPoints: entries,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'silent',
  });
  await writeFile(join(outDir, 'package.json'), `${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`);
  return ['server.js', 'shard-thread.js', 'package.json'];
}
