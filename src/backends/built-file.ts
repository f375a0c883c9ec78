// Where the compiled entry points (dist/lambda, dist/ec2-worker) are.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { packageRoot } from '../package-root.js';

/** A file under dist/, which must exist (it is made by `npm run build`). */
export function builtFile(...parts: string[]): string {
  const path = join(packageRoot, 'dist', ...parts);
  if (!existsSync(path)) throw new UsageError(`${path} is missing`, { hint: 'build first: npm run build' });
  return path;
}
