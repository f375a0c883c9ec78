// ObjectStore on an S3 bucket. `put` with `ifAbsent` is a conditional write
// (If-None-Match: *): S3 itself refuses to replace an existing object with 412, which we
// report as ObjectExistsError, so a result can never be overwritten, even by a
// concurrent writer. (Emulators that ignore the header are covered by keys that are
// unique by construction; the sandbox's S3 enforces it.)
import type { S3Client } from '@aws-sdk/client-s3';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { httpStatusOf, toCloudError } from '../aws/cloud-error.js';
import { s3Client } from '../aws/s3-client.js';
import { ObjectExistsError } from '../core/errors.js';
import type { ObjectStore } from '../ports.js';

export class S3Store implements ObjectStore {
  readonly location: string;
  readonly #client: S3Client;

  constructor(
    readonly bucket: string,
    client: S3Client = s3Client(),
  ) {
    this.location = `s3://${bucket}`;
    this.#client = client;
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      const response = await this.#client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (response.Body === undefined) return new Uint8Array();
      return await response.Body.transformToByteArray();
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw toCloudError(error, `reading ${this.location}/${key}`);
    }
  }

  async put(key: string, body: Uint8Array | string, options: { ifAbsent?: boolean; contentType?: string } = {}): Promise<void> {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    try {
      await this.#client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: bytes,
          ...(options.contentType === undefined ? {} : { ContentType: options.contentType }),
          ...(options.ifAbsent === true ? { IfNoneMatch: '*' } : {}),
        }),
      );
    } catch (error) {
      if (options.ifAbsent === true && isPreconditionFailed(error)) {
        // The SDK retried (a timeout, a 5xx) after an attempt that did land: the object
        // it found is our own write, not someone else's.
        if (attemptsOf(error) > 1 && (await this.#holds(key, bytes))) return;
        throw new ObjectExistsError(`${this.location}/${key} already exists; it is never overwritten`, { cause: error });
      }
      throw toCloudError(error, `writing ${this.location}/${key}`);
    }
  }

  async #holds(key: string, bytes: Uint8Array): Promise<boolean> {
    try {
      const stored = await this.get(key);
      return stored !== undefined && Buffer.compare(Buffer.from(stored), Buffer.from(bytes)) === 0;
    } catch {
      return false;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await this.#client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ...(token === undefined ? {} : { ContinuationToken: token }) }),
        );
        for (const object of page.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key);
        token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
      } while (token !== undefined);
    } catch (error) {
      throw toCloudError(error, `listing ${this.location}/${prefix}`);
    }
    return keys.sort();
  }
}

function attemptsOf(error: unknown): number {
  return (error as { $metadata?: { attempts?: number } } | null)?.$metadata?.attempts ?? 1;
}

function isMissing(error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  return name === 'NoSuchKey' || name === 'NotFound' || (httpStatusOf(error) === 404 && name !== 'NoSuchBucket');
}

/** 412 PreconditionFailed: the object exists. (409 ConditionalRequestConflict: a concurrent conditional write won.) */
function isPreconditionFailed(error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  const status = httpStatusOf(error);
  return name === 'PreconditionFailed' || name === 'ConditionalRequestConflict' || status === 412;
}
