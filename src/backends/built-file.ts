// Where the compiled entry points (dist/lambda, dist/ec2-worker) are, found from this
// module's own location by walking up to the package root — so it works from dist/src
// (the CLI) and from src (tests running TypeScript directly) alike.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../core/errors.js';

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'stockrisk') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the stockrisk package root');
    dir = parent;
  }
}

/** A file under dist/, which must exist (it is made by `npm run build`). */
export function builtFile(...parts: string[]): string {
  const path = join(findPackageRoot(), 'dist', ...parts);
  if (!existsSync(path)) throw new UsageError(`${path} is missing`, { hint: 'build first: npm run build' });
  return path;
}
