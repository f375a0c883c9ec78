import { describe, expect, it } from 'vitest';
import type { VarResult } from '../../src/app/var-run.js';
import { NotFoundError, ObjectExistsError } from '../../src/core/errors.js';
import type { ObjectStore } from '../../src/ports.js';
import { FolderStore } from '../../src/store/folder.js';
import { ResultsArchive, resultKey } from '../../src/store/results-archive.js';
import { tempDir } from '../helpers/paths.js';

function result(ticker: string, resultId: string): VarResult {
  return { resultId, ticker, date: '2020-03-23' } as unknown as VarResult;
}

const unreachable: ObjectStore = {
  location: 's3://down',
  get: async () => {
    throw new Error('connect ECONNREFUSED 127.0.0.1:1');
  },
  put: async () => {
    throw new Error('connect ECONNREFUSED 127.0.0.1:1');
  },
  list: async () => {
    throw new Error('connect ECONNREFUSED 127.0.0.1:1');
  },
};

const ids = ['2026-11-25T10-00-00-000Z-0000000000000001', '2026-11-25T10-00-01-000Z-0000000000000002', '2026-11-25T10-00-02-000Z-0000000000000003'];

describe('ResultsArchive', () => {
  it('stores under results/<ticker>/<id>.json, lists newest first, gets by id', async () => {
    const archive = new ResultsArchive(new FolderStore(tempDir()));
    await archive.save(result('AMZN', ids[0] as string));
    await archive.save(result('AAPL', ids[1] as string));
    const saved = await archive.save(result('AMZN', ids[2] as string));
    expect(saved.key).toBe(resultKey('AMZN', ids[2] as string));
    expect(saved.uploaded).toBe(false);
    expect((await archive.list()).map((r) => r.resultId)).toEqual([ids[2], ids[1], ids[0]]);
    expect((await archive.list({ ticker: 'AMZN' })).map((r) => r.resultId)).toEqual([ids[2], ids[0]]);
    expect((await archive.get(ids[1] as string)).ticker).toBe('AAPL');
    await expect(archive.get('2026-01-01T00-00-00-000Z-ffffffffffffffff')).rejects.toBeInstanceOf(NotFoundError);
    await expect(archive.get('../../etc/passwd')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('never overwrites a stored result', async () => {
    const archive = new ResultsArchive(new FolderStore(tempDir()));
    await archive.save(result('AMZN', ids[0] as string));
    await expect(archive.save({ ...result('AMZN', ids[0] as string), date: 'changed' } as VarResult)).rejects.toBeInstanceOf(ObjectExistsError);
    expect((await archive.get(ids[0] as string)).date).toBe('2020-03-23');
  });

  it('uploads to the remote store too, and keeps the result locally when the remote fails', async () => {
    const remote = new FolderStore(tempDir());
    const archive = new ResultsArchive(new FolderStore(tempDir()), remote);
    expect((await archive.save(result('AMZN', ids[0] as string))).uploaded).toBe(true);
    expect(await remote.list('results/')).toEqual([resultKey('AMZN', ids[0] as string)]);

    const offline = new ResultsArchive(new FolderStore(tempDir()), unreachable);
    const saved = await offline.save(result('AMZN', ids[1] as string));
    expect(saved).toMatchObject({ uploaded: false, remote: 's3://down' });
    expect(saved.reason).toMatch(/ECONNREFUSED/);
    expect((await offline.get(ids[1] as string)).resultId).toBe(ids[1]);
  });
});
