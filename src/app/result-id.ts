// Result ids: the creation time (UTC, to the millisecond, sortable as text) and 64 random
// bits, e.g. 2026-11-25T10-12-33-123Z-9f2c41d07ab3e855. Safe in file names, S3 keys and URLs.
import { randomBytes } from 'node:crypto';

const RESULT_ID_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-[0-9a-f]{16}$/;

export function newResultId(now: Date = new Date(), random: (bytes: number) => Uint8Array = randomBytes): string {
  const stamp = now.toISOString().replace(/:/g, '-').replace('.', '-');
  return `${stamp}-${Buffer.from(random(8)).toString('hex')}`;
}

export function isResultId(text: string): boolean {
  return RESULT_ID_PATTERN.test(text);
}
