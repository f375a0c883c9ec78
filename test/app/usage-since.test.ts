import { describe, expect, it } from 'vitest';
import { usageSince } from '../../src/app/usage-since.js';

describe('usageSince', () => {
  it('takes the Lambda invocations and billed time of one run out of the running totals', () => {
    const before = { backend: 'lambda', invocations: 4, billedMs: 900, memoryMb: 1769, architecture: 'arm64' as const };
    const after = { backend: 'lambda', invocations: 6, billedMs: 1300, memoryMb: 1769, architecture: 'arm64' as const };
    expect(usageSince(before, after)).toEqual({ backend: 'lambda', invocations: 2, billedMs: 400, memoryMb: 1769, architecture: 'arm64' });
  });

  it('charges EC2 start-up and minimum seconds to the first run only', () => {
    const empty = { backend: 'ec2' };
    const first = { backend: 'ec2', instanceSeconds: { 't3.small': 120 }, startupMs: 9000 };
    const second = { backend: 'ec2', instanceSeconds: { 't3.small': 120 }, startupMs: 9000 };
    const third = { backend: 'ec2', instanceSeconds: { 't3.small': 131.5, 'c7g.large': 60 }, startupMs: 9000 };
    expect(usageSince(empty, first)).toEqual(first);
    expect(usageSince(first, second)).toEqual({ backend: 'ec2', instanceSeconds: {} });
    expect(usageSince(second, third)).toEqual({ backend: 'ec2', instanceSeconds: { 't3.small': 11.5, 'c7g.large': 60 } });
  });
});
