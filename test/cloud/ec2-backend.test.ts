// The EC2 backend with the real SDK client against the sandbox's EC2 API, whose
// StartInstances spawns our real worker bundle: identical results, and whatever
// happens, every instance the run started ends stopped and no other is touched.
import { getEventListeners } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeInstancesCommand, EC2Client, StartInstancesCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { Ec2Backend, type Ec2BackendOptions } from '../../src/backends/ec2/ec2-backend.js';
import { ec2ConfigFrom } from '../../src/backends/ec2/ec2-config.js';
import { CancelledError, CloudError, CostLimitError } from '../../src/core/errors.js';
import { defaultSandboxInstances } from '../../src/sandbox/sandbox.js';
import { eventually, useSandbox, useSandboxEnv } from './sandbox-fixture.js';
import { smallRun } from './shard-fixture.js';

const borrowed = { id: 'i-0sandbox0000000b', instanceType: 't3.small', tags: { stockrisk: 'shared' }, running: true };
const sandbox = useSandbox({ instances: [...defaultSandboxInstances, borrowed] });
useSandboxEnv(sandbox);
const [first, second] = defaultSandboxInstances.map((instance) => instance.id) as [string, string];

function backend(log: string[], options: Partial<Ec2BackendOptions> = {}): Ec2Backend {
  return new Ec2Backend({
    query: {},
    config: ec2ConfigFrom({ ec2: { pollSeconds: 1, startTimeoutSeconds: 3, healthTimeoutSeconds: 5 } }, process.env),
    retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100 },
    log: (line) => log.push(line),
    ...options,
  });
}

async function allStopped(): Promise<void> {
  await eventually(() => sandbox().ec2.state(first) === 'stopped' && sandbox().ec2.state(second) === 'stopped');
}

describe('EC2 backend', () => {
  it('a worker that rejects the task as invalid (another version) fails at once, not after retries, and still stops', async () => {
    const { tasks } = smallRun(1);
    const invalid = { ...(tasks[0] as object), protocol: 99 } as unknown as (typeof tasks)[number];
    const log: string[] = [];
    const ec2 = backend(log);
    try {
      const error = await ec2.run([invalid]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CloudError);
      expect((error as CloudError).message).toMatch(/refused a shard: .*answered 400: .*protocol/);
      expect((error as CloudError).hint).toContain('stockrisk deploy ec2');
    } finally {
      await ec2.close();
    }
    await allStopped();
  });

  it('starts the stopped workers, returns exactly the local results, and stops them again', async () => {
    const { tasks, expected } = smallRun(4);
    const log: string[] = [];
    const ec2 = backend(log);
    try {
      const outcomes = await ec2.run(tasks);
      expect(outcomes.map((o) => o.result)).toEqual(expected);
      expect(new Set(outcomes.map((o) => o.worker))).toEqual(new Set([first, second]));
    } finally {
      await ec2.close();
    }
    await allStopped();
    expect(sandbox().ec2.history(first).slice(-4)).toEqual(['pending', 'running', 'stopping', 'stopped']);
    const usage = ec2.usage();
    expect(usage.startupMs).toBeGreaterThanOrEqual(0);
    // Two t3.small started here, each billed at least the 60 s minimum.
    expect(usage.instanceSeconds?.['t3.small']).toBeGreaterThanOrEqual(120);
    expect(log.some((line) => /^ec2: \d\d:\d\d:\d\d starting i-0sandbox00000001 \(t3\.small\)/.test(line))).toBe(true);
    expect(log.some((line) => /^ec2: \d\d:\d\d:\d\d stopping .*run finished; started by this run/.test(line))).toBe(true);
  });

  it('leaves no listener on the signal of each run (many dates share one signal)', async () => {
    const { tasks, expected } = smallRun(2);
    const aborter = new AbortController();
    const ec2 = backend([]);
    try {
      for (let run = 0; run < 3; run++) {
        const outcomes = await ec2.run(tasks, { signal: aborter.signal });
        expect(outcomes.map((o) => o.result)).toEqual(expected);
        expect(getEventListeners(aborter.signal, 'abort')).toHaveLength(0);
      }
    } finally {
      await ec2.close();
    }
    await allStopped();
  });

  it('moves the shards of a worker that dies to the others', async () => {
    const { tasks, expected } = smallRun(4);
    sandbox().ec2.faults.killWorkerOnNextShards = 1;
    const log: string[] = [];
    const ec2 = backend(log);
    try {
      const outcomes = await ec2.run(tasks);
      expect(outcomes.map((o) => o.result)).toEqual(expected);
      // The shard that met the dying worker ran again elsewhere; no shard needed more.
      expect(outcomes.filter((o) => o.attempts === 2).length).toBeGreaterThanOrEqual(1);
      expect(outcomes.every((o) => o.attempts <= 2)).toBe(true);
      expect(log.some((line) => line.includes('stopped answering'))).toBe(true);
    } finally {
      await ec2.close();
    }
    await allStopped();
  });

  it('fails clearly when an instance never reaches running, and leaves nothing running', async () => {
    sandbox().ec2.faults.neverRunning = true;
    const log: string[] = [];
    const ec2 = backend(log);
    try {
      await expect(ec2.run(smallRun(2).tasks)).rejects.toThrow(CloudError);
      await expect(ec2.run(smallRun(2).tasks)).rejects.toThrow(/did not reach "running" within 3 s/);
    } finally {
      await ec2.close();
    }
    await allStopped();
    expect(sandbox().ec2.history(first).slice(-3)).toEqual(['pending', 'stopping', 'stopped']);
  });

  it('uses an instance that was already running and leaves it running', async () => {
    const { tasks, expected } = smallRun(2);
    const log: string[] = [];
    const ec2 = backend(log, {
      query: { instanceIds: [first, borrowed.id] },
    });
    try {
      expect((await ec2.run(tasks)).map((o) => o.result)).toEqual(expected);
    } finally {
      await ec2.close();
    }
    await eventually(() => sandbox().ec2.state(first) === 'stopped');
    expect(sandbox().ec2.state(borrowed.id)).toBe('running');
    expect(log.some((line) => line.includes(`using ${borrowed.id}`) && line.includes('it stays running'))).toBe(true);
    expect(log.join('\n')).not.toMatch(new RegExp(`stopping .*${borrowed.id}`));
  });

  it('does not stop an instance someone else started between its look and its start', async () => {
    const real = new EC2Client({});
    const racing = {
      send: async (command: unknown, options?: unknown) => {
        // Another user starts the first worker just before our StartInstances arrives.
        if (command instanceof StartInstancesCommand) await real.send(new StartInstancesCommand({ InstanceIds: [first] }));
        return real.send(command as DescribeInstancesCommand, options as object);
      },
    } as unknown as EC2Client;
    const log: string[] = [];
    const ec2 = backend(log, { client: racing });
    try {
      const { tasks, expected } = smallRun(2);
      expect((await ec2.run(tasks)).map((o) => o.result)).toEqual(expected);
    } finally {
      await ec2.close();
    }
    await eventually(() => sandbox().ec2.state(second) === 'stopped');
    expect(sandbox().ec2.state(first)).toBe('running');
    expect(log.some((line) => line.includes(`${first} was started by someone else meanwhile`))).toBe(true);
    await real.send(new StopInstancesCommand({ InstanceIds: [first] }));
    await allStopped();
  });

  it('stops polling the other workers once one instance cannot come up', async () => {
    let healthChecks = 0;
    const unhealthy = createServer((_request, response) => {
      healthChecks++;
      response.writeHead(503).end();
    });
    await new Promise<void>((resolve) => unhealthy.listen(0, '127.0.0.1', resolve));
    const { port } = unhealthy.address() as AddressInfo;
    const real = new EC2Client({});
    // The first worker answers 503 (still booting); the second instance has no address.
    const client = {
      send: async (command: unknown, options?: unknown) => {
        const answer = await real.send(command as DescribeInstancesCommand, options as object);
        if (command instanceof DescribeInstancesCommand) {
          for (const instance of (answer.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? [])) {
            if (instance.InstanceId === first)
              instance.Tags = [
                { Key: 'stockrisk', Value: 'worker' },
                { Key: 'stockrisk:port', Value: String(port) },
              ];
            if (instance.InstanceId === second) delete instance.PrivateIpAddress;
          }
        }
        return answer;
      },
    } as unknown as EC2Client;
    const ec2 = backend([], { client, config: ec2ConfigFrom({ ec2: { pollSeconds: 1, startTimeoutSeconds: 3, healthTimeoutSeconds: 60 } }, process.env) });
    try {
      await expect(ec2.run(smallRun(2).tasks)).rejects.toThrow(/has no private-ip address/);
    } finally {
      await ec2.close();
    }
    await allStopped();
    const seen = healthChecks;
    // It polls every second while it waits: two seconds of silence means it stopped.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(healthChecks).toBe(seen);
    await new Promise((resolve) => unhealthy.close(resolve));
  });

  it('(sandbox) an instance is stopped once StopInstances has returned, so a process that exits right after leaves nothing behind', async () => {
    const client = new EC2Client({});
    await client.send(new StartInstancesCommand({ InstanceIds: [first] }));
    await eventually(() => sandbox().ec2.state(first) === 'running');
    await client.send(new StopInstancesCommand({ InstanceIds: [first] }));
    expect(sandbox().ec2.state(first)).toBe('stopped');
  });

  it('stops what it started as soon as the run is aborted', async () => {
    const aborter = new AbortController();
    const log: string[] = [];
    const ec2 = backend(log, { signal: aborter.signal });
    // A big run, so it is still computing when the abort comes.
    const { tasks } = smallRun(2);
    const big = tasks.map((task) => ({ ...task, count: 50_000_000 }));
    const running = ec2.run(big, { signal: aborter.signal });
    await eventually(() => sandbox().ec2.state(first) === 'running');
    aborter.abort(new Error('SIGINT'));
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    await allStopped();
    await ec2.close();
    expect(log.some((line) => line.includes('interrupted'))).toBe(true);
  });

  it('checks the cost estimate before starting anything', async () => {
    const ec2 = backend([], {
      costGuard: async () => {
        throw new CostLimitError('too dear');
      },
    });
    await expect(ec2.run(smallRun(1).tasks)).rejects.toBeInstanceOf(CostLimitError);
    await ec2.close();
    expect(sandbox().ec2.state(first)).toBe('stopped');
    expect(sandbox().ec2.history(first).at(-1)).toBe('stopped');
  });

  it('checks the estimate of every VaR run on the fleet, not only the first', async () => {
    const estimates: string[] = [];
    const ec2 = backend([], {
      costGuard: async (_backend, estimate) => {
        estimates.push(estimate.detail);
      },
    });
    try {
      const { tasks } = smallRun(2);
      await ec2.run(tasks);
      await ec2.run(tasks);
    } finally {
      await ec2.close();
    }
    await allStopped();
    expect(estimates).toHaveLength(2);
    expect(estimates[0]).toMatch(/\(2 to start\)/);
    expect(estimates[1]).toMatch(/\(0 to start\)/);
  });

  it('refuses to run without the workers token, and says where to set it', async () => {
    const ec2 = backend([], { config: { ...ec2ConfigFrom({}, {}), token: undefined } });
    await expect(ec2.run(smallRun(1).tasks)).rejects.toThrow(/no EC2 worker token/);
    await ec2.close();
  });

  it('reports a worker that rejects the token without retrying', async () => {
    const ec2 = backend([], { config: ec2ConfigFrom({ ec2: { pollSeconds: 1, startTimeoutSeconds: 3 } }, { STOCKRISK_EC2_TOKEN: 'wrong-token' }) });
    try {
      await expect(ec2.run(smallRun(1).tasks)).rejects.toThrow(/refused a shard: .* 401/);
    } finally {
      await ec2.close();
    }
    await allStopped();
  });
});
