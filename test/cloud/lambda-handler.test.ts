// The Lambda handler is thin: validate, runShard, return. Its package is a zip any
// unzip tool reads (checked with Python's zipfile, an independent implementation).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handler } from '../../lambda/handler.js';
import { parseReportLine } from '../../src/backends/lambda/report-line.js';
import { crc32, createZip } from '../../src/backends/lambda/zip.js';
import { UsageError } from '../../src/core/errors.js';
import { readZip } from '../../src/sandbox/unzip.js';
import { tempDir } from '../helpers/paths.js';
import { smallRun } from './shard-fixture.js';

describe('lambda handler', () => {
  it('returns the shard result the core computes', async () => {
    const { tasks, expected } = smallRun(2);
    expect(await handler(JSON.parse(JSON.stringify(tasks[1])))).toEqual(expected[1]);
  });

  it('rejects an event that is not a shard task', async () => {
    await expect(handler({ hello: 'world' })).rejects.toBeInstanceOf(UsageError);
    await expect(handler({ ...smallRun(1).tasks[0], count: -1 })).rejects.toThrow(/invalid shard count/);
  });
});

describe('deployment zip', () => {
  it('computes the standard CRC-32 (check value of "123456789")', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('writes a zip that Python zipfile and our reader both read back', () => {
    const code = new TextEncoder().encode(`export const handler = async () => 42;\n${'// padding\n'.repeat(200)}`);
    const zip = createZip([
      { name: 'index.mjs', data: code },
      { name: 'package.json', data: new TextEncoder().encode('{"type":"module"}') },
    ]);
    expect(readZip(zip).get('index.mjs')?.equals(Buffer.from(code))).toBe(true);
    const file = join(tempDir(), 'function.zip');
    writeFileSync(file, zip);
    const python = spawnSync(
      'python3',
      [
        '-c',
        'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(",".join(z.namelist())); print(len(z.read("index.mjs")))',
        file,
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(python.status, python.stderr).toBe(0);
    expect(python.stdout.split('\n')).toEqual(['index.mjs,package.json', String(code.length), '']);
  });
});

describe('REPORT line', () => {
  it('reads billed duration and memory from a Lambda log tail', () => {
    const tail = [
      'START RequestId: 6f5c Version: $LATEST',
      'END RequestId: 6f5c',
      'REPORT RequestId: 6f5c\tDuration: 812.31 ms\tBilled Duration: 813 ms\tMemory Size: 1769 MB\tMax Memory Used: 60 MB\tInit Duration: 150.02 ms\t',
    ].join('\n');
    expect(parseReportLine(Buffer.from(tail).toString('base64'))).toEqual({ billedMs: 813, memoryMb: 1769 });
    expect(parseReportLine(undefined)).toBeUndefined();
    expect(parseReportLine(Buffer.from('no report here').toString('base64'))).toBeUndefined();
  });
});
