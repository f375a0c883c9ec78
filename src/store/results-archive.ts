// Every VaR result, kept forever: written locally under results/<ticker>/<resultId>.json
// (never replacing anything), then to the remote store when there is one. A remote that
// fails does not fail the run: the result is safe locally and save() says why it was not
// uploaded.

import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isResultId } from '../app/result-id.js';
import type { VarResult } from '../app/var-run.js';
import { DataError, NotFoundError, ObjectExistsError, UsageError } from '../core/errors.js';
import type { ObjectStore } from '../ports.js';
import type { Settings } from '../settings.js';
import { FolderStore } from './folder.js';

export interface SaveOutcome {
  readonly key: string;
  /** Where it was written locally (folder path). */
  readonly local: string;
  /** True when the remote store also has it; false when there is none or it failed. */
  readonly uploaded: boolean;
  readonly remote?: string;
  readonly reason?: string;
}

export function resultKey(ticker: string, resultId: string): string {
  return `results/${ticker}/${resultId}.json`;
}

export class ResultsArchive {
  constructor(
    readonly local: ObjectStore,
    readonly remote?: ObjectStore,
  ) {}

  async save(result: VarResult): Promise<SaveOutcome> {
    if (!isResultId(result.resultId)) throw new UsageError(`invalid result id ${JSON.stringify(result.resultId)}`);
    const key = resultKey(result.ticker, result.resultId);
    const body = `${JSON.stringify(result, null, 2)}\n`;
    await this.local.put(key, body, { ifAbsent: true, contentType: 'application/json' });
    const local = `${this.local.location}/${key}`;
    if (this.remote === undefined) return { key, local, uploaded: false, reason: 'no remote store configured' };
    try {
      await this.remote.put(key, body, { ifAbsent: true, contentType: 'application/json' });
      return { key, local, uploaded: true, remote: this.remote.location };
    } catch (error) {
      if (error instanceof ObjectExistsError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      return { key, local, uploaded: false, remote: this.remote.location, reason };
    }
  }

  /** Stored results, newest first; from the remote store instead when `remote` is set. */
  async list(options: { ticker?: string; remote?: boolean } = {}): Promise<VarResult[]> {
    const store = this.storeFor(options.remote === true);
    const keys = await store.list(options.ticker === undefined ? 'results/' : `results/${options.ticker}/`);
    const results: VarResult[] = [];
    for (const key of keys) {
      if (!key.endsWith('.json')) continue;
      const result = await this.read(store, key);
      if (result !== undefined) results.push(result);
    }
    return results.sort((a, b) => (a.resultId < b.resultId ? 1 : a.resultId > b.resultId ? -1 : 0));
  }

  /** One result by id (local first, then the remote store). */
  async get(resultId: string): Promise<VarResult> {
    if (!isResultId(resultId)) {
      throw new NotFoundError(`no result ${JSON.stringify(resultId)}`, {
        hint: 'result ids look like 2026-11-25T10-12-33-123Z-9f2c41d07ab3e855; see stockrisk history',
      });
    }
    for (const store of this.remote === undefined ? [this.local] : [this.local, this.remote]) {
      let keys: string[];
      try {
        keys = await store.list('results/');
      } catch (error) {
        if (store === this.local) throw error;
        break;
      }
      const key = keys.find((k) => k.endsWith(`/${resultId}.json`));
      if (key !== undefined) {
        const result = await this.read(store, key);
        if (result !== undefined) return result;
      }
    }
    throw new NotFoundError(`no result ${resultId}`, { hint: 'see stockrisk history for the stored results' });
  }

  private storeFor(remote: boolean): ObjectStore {
    if (!remote) return this.local;
    if (this.remote === undefined) throw new UsageError('no bucket is set for remote results', { hint: 'use --bucket or STOCKRISK_BUCKET' });
    return this.remote;
  }

  private async read(store: ObjectStore, key: string): Promise<VarResult | undefined> {
    const bytes = await store.get(key);
    if (bytes === undefined) return undefined;
    try {
      const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
      if (parsed !== null && typeof parsed === 'object' && typeof (parsed as VarResult).resultId === 'string') return parsed as VarResult;
    } catch {
      // A damaged file is skipped, not fatal: the others are still listed.
    }
    return undefined;
  }
}

/**
 * The archive for these settings: the local folder $STOCKRISK_HOME, and the S3 bucket
 * as the remote store when one is set (--bucket / STOCKRISK_BUCKET / config).
 */
export async function openResultsArchive(settings: Settings): Promise<ResultsArchive> {
  const local = new FolderStore(settings.home);
  if (settings.bucket === undefined) return new ResultsArchive(local);
  // Loaded only when a bucket is set, so local-only runs never load the AWS SDK.
  const { S3Store } = await import('./s3.js');
  return new ResultsArchive(local, new S3Store(settings.bucket));
}

/**
 * Fail before a run, not after it: a result that cannot be stored locally would otherwise
 * be computed (perhaps on paid cloud resources) and then lost. Creates nothing: it checks
 * that the nearest existing folder on the way to $STOCKRISK_HOME/results is a writable folder.
 */
export async function checkResultsWritable(settings: Settings): Promise<void> {
  let path = join(settings.home, 'results');
  for (;;) {
    try {
      const info = await stat(path);
      if (!info.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
      await access(path, constants.W_OK);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && dirname(path) !== path) {
        path = dirname(path);
        continue;
      }
      throw new DataError(`cannot store results here (${code ?? (error as Error).message})`, {
        file: path,
        hint: 'check STOCKRISK_HOME points at a writable folder',
      });
    }
  }
}
