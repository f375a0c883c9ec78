import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ObjectExistsError, UsageError } from '../../src/core/errors.js';
import { FolderStore } from '../../src/store/folder.js';
import { tempDir } from '../helpers/paths.js';

const text = (bytes: Uint8Array | undefined): string | undefined => (bytes === undefined ? undefined : new TextDecoder().decode(bytes));

describe('FolderStore', () => {
  it('puts, gets and lists keys with folders, sorted', async () => {
    const store = new FolderStore(tempDir());
    await store.put('results/AMZN/b.json', 'B');
    await store.put('results/AMZN/a.json', new TextEncoder().encode('A'));
    await store.put('results/AAPL/c.json', 'C');
    expect(text(await store.get('results/AMZN/a.json'))).toBe('A');
    expect(await store.get('results/AMZN/missing.json')).toBeUndefined();
    expect(await store.list('results/')).toEqual(['results/AAPL/c.json', 'results/AMZN/a.json', 'results/AMZN/b.json']);
    expect(await store.list('results/AMZN/')).toEqual(['results/AMZN/a.json', 'results/AMZN/b.json']);
    expect(await store.list('nothing/')).toEqual([]);
  });

  it('replaces without ifAbsent, never with it', async () => {
    const store = new FolderStore(tempDir());
    await store.put('k.json', 'one');
    await store.put('k.json', 'two');
    expect(text(await store.get('k.json'))).toBe('two');
    await expect(store.put('k.json', 'three', { ifAbsent: true })).rejects.toBeInstanceOf(ObjectExistsError);
    expect(text(await store.get('k.json'))).toBe('two');
  });

  it('a write that fails half-way leaves neither the object nor a temporary file', async () => {
    const root = tempDir();
    const store = new FolderStore(root);
    // A body that fails after its first chunk, as a full disk would.
    async function* halfThenFail(): AsyncGenerator<string> {
      yield '{"half":';
      throw new Error('no space left on device');
    }
    await expect(store.put('results/X/id.json', halfThenFail() as unknown as string, { ifAbsent: true })).rejects.toThrow(/no space left/);
    expect(readdirSync(join(root, 'results', 'X'))).toEqual([]);
    expect(await store.get('results/X/id.json')).toBeUndefined();
  });

  it('lets exactly one of many concurrent ifAbsent writers win, and leaves no temp files', async () => {
    const root = tempDir();
    const store = new FolderStore(root);
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => store.put('results/X/id.json', `writer ${i}`, { ifAbsent: true })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected').every((o) => (o as PromiseRejectedResult).reason instanceof ObjectExistsError)).toBe(true);
    expect(readdirSync(join(root, 'results', 'X'))).toEqual(['id.json']);
  });

  it('never lists hidden (temporary) files and rejects keys that escape the folder', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'results'), { recursive: true });
    writeFileSync(join(root, 'results', '.tmp-1-abc'), 'half');
    const store = new FolderStore(root);
    expect(await store.list('results/')).toEqual([]);
    for (const key of ['../x', 'a/../../b', '/etc/passwd', 'a//b', '', '.hidden']) {
      await expect(store.put(key, 'x')).rejects.toBeInstanceOf(UsageError);
    }
  });
});
