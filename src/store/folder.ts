// ObjectStore on a local folder ($STOCKRISK_HOME). Keys are relative paths with `/`.
// Writes go to a temporary file in the target's folder first, so a reader never sees half
// an object; `ifAbsent` publishes it with link(), which fails if the name exists, so a
// result can never be replaced, even by a concurrent writer.
import { randomBytes } from 'node:crypto';
import { link, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ObjectExistsError, UsageError } from '../core/errors.js';
import type { ObjectStore } from '../ports.js';

const SEGMENT = /^[A-Za-z0-9^=_-][A-Za-z0-9^=._-]*$/;

export class FolderStore implements ObjectStore {
  constructor(readonly location: string) {}

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(this.pathOf(key)));
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return undefined;
      throw error;
    }
  }

  async put(key: string, body: Uint8Array | string, options: { ifAbsent?: boolean; contentType?: string } = {}): Promise<void> {
    const path = this.pathOf(key);
    const dir = dirname(path);
    await mkdir(dir, { recursive: true });
    const temporary = join(dir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
    try {
      // Inside the try: a write that fails half-way (disk full) must not leave its temporary file.
      await writeFile(temporary, body, { flag: 'wx' });
      if (options.ifAbsent === true) {
        await link(temporary, path);
      } else {
        await rename(temporary, path);
      }
    } catch (error) {
      if (isCode(error, 'EEXIST')) throw new ObjectExistsError(`${key} already exists in ${this.location}; it is never replaced`);
      throw error;
    } finally {
      await rm(temporary, { force: true });
    }
  }

  async list(prefix: string): Promise<string[]> {
    // Walk only the folder the prefix names, then filter by the rest of it.
    const slash = prefix.lastIndexOf('/');
    const base = slash < 0 ? '' : prefix.slice(0, slash);
    if (base !== '') this.checkKey(base);
    const keys: string[] = [];
    await this.walk(base, keys);
    return keys.filter((key) => key.startsWith(prefix)).sort();
  }

  private async walk(relative: string, into: string[]): Promise<void> {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(relative === '' ? this.location : join(this.location, relative), { withFileTypes: true });
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return;
      throw error;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const key = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) await this.walk(key, into);
      else if (entry.isFile()) into.push(key);
    }
  }

  private pathOf(key: string): string {
    this.checkKey(key);
    return join(this.location, ...key.split('/'));
  }

  private checkKey(key: string): void {
    const segments = key.split('/');
    if (key === '' || segments.some((segment) => !SEGMENT.test(segment))) {
      throw new UsageError(`invalid store key ${JSON.stringify(key)}`);
    }
  }
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
