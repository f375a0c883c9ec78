// The package root (package.json, data/, dist/), found by walking up from this module, so
// it is right from dist/src (the CLI) and from src (tests running TypeScript) alike.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

export const packageRoot: string = findPackageRoot();
