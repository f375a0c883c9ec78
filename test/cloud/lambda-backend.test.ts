// The Lambda backend with the real SDK client against the sandbox's Lambda API, which
// runs our bundled handler: identical results, retries counted per shard, faults.
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { lambdaControlClientConfig } from '../../src/aws/lambda-client.js';
import { costOf } from '../../src/backends/cost/cost-of.js';
import { LambdaBackend } from '../../src/backends/lambda/lambda-backend.js';
import { CancelledError, CostLimitError, NotFoundError, WorkerError } from '../../src/core/errors.js';
import { useSandbox, useSandboxEnv } from './sandbox-fixture.js';
import { smallRun } from './shard-fixture.js';

const sandbox = useSandbox();
useSandboxEnv(sandbox);
const fast = { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100 };

describe('Lambda backend', () => {
  it('returns exactly the local results, one invocation per shard, billed from the REPORT line', async () => {
    const { tasks, expected } = smallRun(4);
    const backend = new LambdaBackend({ functionName: 'stockrisk-var', retry: fast });
    const done: number[] = [];
    const outcomes = await backend.run(tasks, { onShardDone: (index) => done.push(index) });
    expect(outcomes.map((o) => o.result)).toEqual(expected);
    expect(outcomes.map((o) => o.attempts)).toEqual([1, 1, 1, 1]);
    expect(done.sort()).toEqual([0, 1, 2, 3]);
    const usage = backend.usage();
    expect(usage).toMatchObject({ backend: 'lambda', invocations: 4, memoryMb: 1769, architecture: 'arm64' });
    expect(usage.billedMs).toBe(outcomes.reduce((sum, o) => sum + (o.billedMs ?? 0), 0));
    expect(costOf(usage).usd).toBeGreaterThan(0);
    await backend.close();
  });

  it('does not retry a task the handler rejects as invalid (a function from another version)', async () => {
    const { tasks } = smallRun(1);
    const invalid = { ...(tasks[0] as object), protocol: 99 } as unknown as (typeof tasks)[number];
    const backend = new LambdaBackend({ functionName: 'stockrisk-var', retry: fast });
    const error = await backend.run([invalid]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerError);
    expect((error as WorkerError).message).toMatch(/rejected the shard task: function error \(Unhandled\): UsageError: .*protocol/);
    expect((error as WorkerError).hint).toContain('stockrisk deploy lambda');
    expect(backend.usage().invocations).toBe(1);
  });

  it('retries a shard whose invocation crashed once (attempts = 2)', async () => {
    const { tasks, expected } = smallRun(3);
    sandbox().lambda.faults.failNext = 1;
    const backend = new LambdaBackend({ functionName: 'stockrisk-var', retry: fast, concurrency: 1 });
    const outcomes = await backend.run(tasks);
    expect(outcomes.map((o) => o.result)).toEqual(expected);
    expect(outcomes.map((o) => o.attempts)).toEqual([2, 1, 1]);
    expect(backend.usage().invocations).toBe(4);
  });

  it('backs off and retries when throttled (429)', async () => {
    const { tasks, expected } = smallRun(2);
    sandbox().lambda.faults.throttleNext = 2;
    const backend = new LambdaBackend({ functionName: 'stockrisk-var', retry: fast, concurrency: 1 });
    const outcomes = await backend.run(tasks);
    expect(outcomes.map((o) => o.result)).toEqual(expected);
    expect(outcomes.map((o) => o.attempts)).toEqual([3, 1]);
    // Throttled calls never ran, so they are not billed.
    expect(backend.usage().invocations).toBe(2);
  });

  it('abandons an attempt that exceeds the per-shard timeout and retries it', async () => {
    const { tasks, expected } = smallRun(1);
    Object.assign(sandbox().lambda.faults, { slowNext: 1, slowMs: 5000 });
    // Generous enough for the retry to finish on a loaded machine, far below the slow attempt.
    const backend = new LambdaBackend({ functionName: 'stockrisk-var', retry: fast, attemptTimeoutMs: 1500 });
    const outcomes = await backend.run(tasks);
    expect(outcomes[0]?.result).toEqual(expected[0]);
    expect(outcomes[0]?.attempts).toBe(2);
    // The abandoned invocation ran on (and is billed): it counts in the cost.
    expect(backend.usage().invocations).toBe(2);
  });

  it('fails clearly when a shard exhausts its retries', async () => {
    const { tasks } = smallRun(2);
    sandbox().lambda.faults.failNext = 100;
    const backend = new LambdaBackend({ functionName: 'stockrisk-var', retry: { ...fast, maxAttempts: 3 } });
    const failure = backend.run(tasks);
    await expect(failure).rejects.toBeInstanceOf(WorkerError);
    await expect(failure).rejects.toThrow(/failed 3 times on Lambda stockrisk-var: function error \(Unhandled\)/);
  });

  it('names a function that does not exist and how to deploy it', async () => {
    const backend = new LambdaBackend({ functionName: 'nope', retry: fast });
    const failure = backend.run(smallRun(1).tasks);
    await expect(failure).rejects.toBeInstanceOf(NotFoundError);
    await expect(failure).rejects.toMatchObject({ hint: expect.stringContaining('stockrisk deploy lambda') });
  });

  it('checks the cost estimate before invoking anything', async () => {
    const before = sandbox().lambda.invocations();
    const backend = new LambdaBackend({
      functionName: 'stockrisk-var',
      costGuard: async (_backend, estimate) => {
        expect(estimate.usd).toBeGreaterThan(0);
        throw new CostLimitError('too dear');
      },
    });
    await expect(backend.run(smallRun(2).tasks)).rejects.toBeInstanceOf(CostLimitError);
    expect(sandbox().lambda.invocations()).toBe(before);
  });

  it('checks the estimate of every VaR run on it, not only the first', async () => {
    const estimates: number[] = [];
    const backend = new LambdaBackend({
      functionName: 'stockrisk-var',
      costGuard: async (_backend, estimate) => {
        estimates.push(estimate.usd);
      },
    });
    const { tasks } = smallRun(2);
    await backend.run(tasks);
    await backend.run(tasks);
    // A refining round belongs to the run before it (its estimate counts two passes).
    await backend.run(tasks.map((task) => ({ ...task, round: 1 })));
    expect(estimates).toHaveLength(2);
    expect(estimates[0]).toBeGreaterThan(0);
  });

  it('reads the function configuration with the SDK retries: a throttled read does not fail the run', async () => {
    // In front of the sandbox: the first configuration read is throttled, as Lambda's
    // control plane does under its low rate limits.
    let reads = 0;
    const target = new URL(sandbox().lambda.endpoint);
    const proxy = createServer((request, response) => {
      if (request.url?.endsWith('/configuration') && ++reads === 1) {
        response.writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' });
        response.end(JSON.stringify({ Reason: 'CallerRateLimitExceeded', message: 'Rate exceeded' }));
        return;
      }
      const upstream = httpRequest(
        { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      request.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = proxy.address() as AddressInfo;
      const controlClient = new LambdaClient({ ...lambdaControlClientConfig(), endpoint: `http://127.0.0.1:${port}` });
      const { tasks, expected } = smallRun(2);
      const backend = new LambdaBackend({ functionName: 'stockrisk-var', controlClient, retry: fast });
      expect((await backend.run(tasks)).map((o) => o.result)).toEqual(expected);
      expect(reads).toBe(2);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('stops when the run is aborted', async () => {
    Object.assign(sandbox().lambda.faults, { slowNext: 2, slowMs: 2000 });
    const backend = new LambdaBackend({ functionName: 'stockrisk-var', retry: fast });
    const aborter = new AbortController();
    setTimeout(() => aborter.abort(new Error('SIGINT')), 200);
    await expect(backend.run(smallRun(2).tasks, { signal: aborter.signal })).rejects.toBeInstanceOf(CancelledError);
  });
});
