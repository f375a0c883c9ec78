// The cost model: figures worked out by hand from the dated price table.
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, defaultRetryPolicy } from '../../src/backends/cloud-retry.js';
import { costGuard } from '../../src/backends/cost/cost-guard.js';
import { costOf } from '../../src/backends/cost/cost-of.js';
import { estimateEc2Cost, estimateLambdaCost } from '../../src/backends/cost/estimate.js';
import { defaultPriceTable, priceTableFrom } from '../../src/backends/cost/price-table.js';
import { CancelledError, CostLimitError, UsageError } from '../../src/core/errors.js';

describe('costOf', () => {
  it('prices Lambda by GB-second and request', () => {
    // 4 invocations, 4000 ms billed at 1024 MB = 4 GB-s; arm64 $0.0000133334/GB-s, $0.0000002/request.
    const cost = costOf({ backend: 'lambda', invocations: 4, billedMs: 4000, memoryMb: 1024, architecture: 'arm64' });
    expect(cost.usd).toBeCloseTo(4 * 0.0000133334 + 4 * 0.0000002, 12);
    expect(cost.detail).toContain('4 GB-s');
    const x86 = costOf({ backend: 'lambda', invocations: 1, billedMs: 1000, memoryMb: 2048, architecture: 'x86_64' });
    expect(x86.usd).toBeCloseTo(2 * 0.0000166667 + 0.0000002, 12);
  });

  it('prices EC2 by instance-second', () => {
    // 120 s of t3.small at $0.0208/hour.
    expect(costOf({ backend: 'ec2', instanceSeconds: { 't3.small': 120 } }).usd).toBeCloseTo(0.0208 / 30, 10);
  });

  it('adds the S3 PUT that stores the result', () => {
    const cost = costOf({ backend: 'local' }, defaultPriceTable, { s3Puts: 1 });
    expect(cost.usd).toBeCloseTo(0.000005, 12);
    expect(cost.detail).toContain('S3 1 PUT');
  });

  it('costs nothing locally, however many shards ran', () => {
    expect(costOf({ backend: 'local', invocations: 8 })).toEqual({ usd: 0, detail: 'local: no billed cloud resources' });
  });

  it('takes prices from the config, over the dated defaults', () => {
    const prices = priceTableFrom({ prices: { asOf: '2030-01-01', ec2: { hourly: { 'x9.tiny': 3.6 } } } });
    expect(prices.asOf).toBe('2030-01-01');
    expect(prices.ec2.hourly['t3.small']).toBe(defaultPriceTable.ec2.hourly['t3.small']);
    expect(costOf({ backend: 'ec2', instanceSeconds: { 'x9.tiny': 100 } }, prices).usd).toBeCloseTo(0.1, 12);
    expect(() => priceTableFrom({ prices: { lambda: { request: -1 } } })).toThrow(UsageError);
    expect(() => priceTableFrom({ prices: 'cheap' })).toThrow(UsageError);
  });

  it('refuses to guess the price of an unknown instance type', () => {
    expect(() => costOf({ backend: 'ec2', instanceSeconds: { 'zz.huge': 1 } })).toThrow(/no price for EC2 instance type zz\.huge/);
  });
});

describe('estimates', () => {
  it('counts every shard pass and a cold start per Lambda invocation', () => {
    const prices = { ...defaultPriceTable, assumptions: { drawsPerVcpuSecond: 1e6, ec2StartupSeconds: 60, lambdaColdStartSeconds: 1 } };
    // 2 shards x 1e6 draws x 2 passes at 1e6 draws/s on 1 vCPU (1769 MB) = 4 s, + 2 cold starts = 6 s.
    const estimate = estimateLambdaCost({ shardDraws: [1e6, 1e6], passes: 2 }, { memoryMb: 1769, architecture: 'x86_64' }, prices);
    expect(estimate.usd).toBeCloseTo(6 * (1769 / 1024) * 0.0000166667 + 4 * 0.0000002, 12);
  });

  it('charges started instances at least the billing minimum plus start-up', () => {
    const prices = { ...defaultPriceTable, assumptions: { drawsPerVcpuSecond: 1e6, ec2StartupSeconds: 60, lambdaColdStartSeconds: 1 } };
    // 2e6 draws on 2 vCPUs = 1 s of compute; the started one pays 61 s, the running one 1 s.
    const estimate = estimateEc2Cost(
      { shardDraws: [1e6], passes: 2 },
      [
        { instanceType: 't3.small', vcpus: 1, startsHere: true },
        { instanceType: 't3.small', vcpus: 1, startsHere: false },
      ],
      prices,
    );
    expect(estimate.usd).toBeCloseTo((62 / 3600) * 0.0208, 12);
  });
});

describe('costGuard', () => {
  const estimate = { usd: 0.5, detail: 'test' };
  const quiet = () => {};
  /** A guard on a terminal whose user answers every question with `answer`; records the questions. */
  const askingGuard = (maxCostUsd: number, answer: boolean) => {
    const questions: string[] = [];
    const guard = costGuard({
      maxCostUsd,
      yes: false,
      interactive: true,
      log: quiet,
      confirm: async (question) => {
        questions.push(question);
        return answer;
      },
    });
    return { guard, questions };
  };

  it('refuses a run over --max-cost before anything runs', async () => {
    const guard = costGuard({ maxCostUsd: 0.1, yes: true, interactive: false, log: quiet });
    await expect(guard('lambda', estimate)).rejects.toBeInstanceOf(CostLimitError);
  });

  it('asks on a terminal and stops when the answer is no', async () => {
    const { guard, questions } = askingGuard(1, false);
    await expect(guard('ec2', estimate)).rejects.toBeInstanceOf(CancelledError);
    expect(questions).toEqual(['Run on ec2 for about $0.50?']);
  });

  it('holds the limit for all the runs of one command together, and asks once', async () => {
    const { guard, questions } = askingGuard(1.2, true);
    await guard('lambda', estimate);
    await guard('lambda', estimate);
    await expect(guard('lambda', estimate)).rejects.toThrow(/\$0\.50 on lambda \(\$1\.50 with the runs before it\) is over the limit of \$1\.20/);
    expect(questions).toHaveLength(1);
  });

  it('shared by several backends (compare): one limit for their sum, one question per backend', async () => {
    const { guard, questions } = askingGuard(1.2, true);
    await guard('lambda', estimate);
    await guard('ec2', estimate);
    await expect(guard('ec2', estimate)).rejects.toThrow(/\$1\.50 with the runs before it/);
    expect(questions).toEqual(['Run on lambda for about $0.50?', 'Run on ec2 for about $0.50?']);
  });

  it('does not ask with --yes or without a terminal', async () => {
    const never = async () => {
      throw new Error('asked');
    };
    await costGuard({ maxCostUsd: 1, yes: true, interactive: true, log: quiet, confirm: never })('lambda', estimate);
    await costGuard({ maxCostUsd: 1, yes: false, interactive: false, log: quiet, confirm: never })('lambda', estimate);
  });
});

describe('retry backoff', () => {
  it('waits a random time up to an exponentially growing, capped ceiling', () => {
    const policy = defaultRetryPolicy;
    expect(backoffDelayMs(policy, 1, () => 0)).toBe(0);
    expect(backoffDelayMs(policy, 1, () => 0.999999)).toBe(policy.baseDelayMs - 1);
    expect(backoffDelayMs(policy, 3, () => 0.5)).toBe(2 * policy.baseDelayMs);
    expect(backoffDelayMs(policy, 30, () => 0.999999)).toBe(policy.maxDelayMs - 1);
  });
});
