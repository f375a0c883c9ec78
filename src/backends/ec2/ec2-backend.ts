// ComputeBackend on EC2 instances running ec2-worker. On its first run it finds the
// fleet, checks the cost estimate, starts the stopped instances, waits for them to run
// and for their workers to answer, then spreads the shards over every worker's cores.
// Every instance THIS backend started is stopped again — on close (success or failure),
// and at once when the run is aborted (Ctrl-C, SIGTERM); an instance that was already
// running is used and left running.

import type { EC2Client } from '@aws-sdk/client-ec2';
import { ec2Client } from '../../aws/ec2-client.js';
import { CloudError, UsageError, WorkerError } from '../../core/errors.js';
import type { ShardTask } from '../../core/shard/protocol.js';
import type { BackendRunOptions, BackendUsage, ComputeBackend, ShardOutcome } from '../../ports.js';
import { backoffDelayMs, cancelled, defaultRetryPolicy, type RetryPolicy, sleep } from '../cloud-retry.js';
import type { CostGuard } from '../cost/cost-guard.js';
import { estimateEc2Cost } from '../cost/estimate.js';
import { isFirstRound, plannedWork } from '../cost/planned-work.js';
import { defaultPriceTable, type PriceTable } from '../cost/price-table.js';
import { fanOutFailFast } from '../fan-out.js';
import type { Ec2Config } from './ec2-config.js';
import { describeFleet, type FleetQuery, type WorkerInstance } from './fleet.js';
import { startInstances, stopInstances, waitRunning } from './instance-lifecycle.js';
import { isHealthy, postShard, ShardRequestError, waitHealthy } from './worker-client.js';

export interface Ec2BackendOptions {
  readonly query: FleetQuery;
  readonly config: Ec2Config;
  readonly client?: EC2Client;
  /** Most shards in flight over the whole fleet; defaults to its vCPUs. */
  readonly concurrency?: number;
  readonly retry?: RetryPolicy;
  readonly costGuard?: CostGuard;
  readonly prices?: PriceTable;
  /** Start/stop messages with times (stderr in the CLI). */
  readonly log?: (line: string) => void;
  /** Aborting it stops the instances this backend started, even between runs. */
  readonly signal?: AbortSignal;
}

interface Worker {
  readonly instance: WorkerInstance;
  readonly url: string;
  inFlight: number;
  dead: boolean;
}

interface StartedInstance {
  readonly instanceType: string;
  readonly requestedAt: number;
}

export class Ec2Backend implements ComputeBackend {
  readonly name = 'ec2';
  readonly #options: Ec2BackendOptions;
  readonly #client: EC2Client;
  readonly #log: (line: string) => void;
  #workers: Promise<Worker[]> | undefined;
  /** Instances this backend asked EC2 to start, from the moment it asked. */
  readonly #started = new Map<string, StartedInstance>();
  #starting: Promise<void> | undefined;
  #stopping: Promise<void> | undefined;
  /** Already-running instances we used, and since when (for their share of the cost). */
  readonly #borrowed = new Map<string, StartedInstance>();
  /** Instance-seconds of instances this backend is done with (stopped, or no longer used). */
  readonly #instanceSeconds: Record<string, number> = {};
  #startupMs: number | undefined;
  #closed = false;

  constructor(options: Ec2BackendOptions) {
    this.#options = options;
    this.#client = options.client ?? ec2Client();
    this.#log = options.log ?? (() => {});
    options.signal?.addEventListener('abort', () => void this.#stopStarted('interrupted').catch(() => {}), { once: true });
  }

  async run(tasks: readonly ShardTask[], options: BackendRunOptions = {}): Promise<ShardOutcome[]> {
    if (this.#closed) throw new Error('the EC2 backend is closed');
    const signals = [options.signal, this.#options.signal].filter((s): s is AbortSignal => s !== undefined);
    const signal = AbortSignal.any(signals);
    if (signal.aborted) throw cancelled(signal);
    // Removed when the run ends: a command running many VaRs on one backend (--date all)
    // passes the same signal each time, and listeners left behind pile up on it.
    const onAbort = (): void => void this.#stopStarted('interrupted').catch(() => {});
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      // The first run's estimate (start-up included) is checked in #prepare.
      const prepared = this.#workers !== undefined;
      this.#workers ??= this.#prepare(tasks, signal);
      let workers: Worker[];
      try {
        workers = await this.#workers;
      } catch (error) {
        // Nothing must be left running when start-up fails (never reached running, no healthy worker).
        await this.#stopStarted('start-up failed');
        throw error;
      }
      // A later VaR on the same fleet (var --date all) is checked too: the instances are up now.
      if (prepared && isFirstRound(tasks)) await this.#guardOnRunningFleet(workers, tasks);
      return await this.#spread(workers, tasks, signal, options);
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Instance time so far: finished instances, plus the ones still up until now (runVar prices it before close). */
  usage(): BackendUsage {
    const seconds = { ...this.#instanceSeconds };
    const now = Date.now();
    const minimum = (this.#options.prices ?? defaultPriceTable).ec2.minimumSeconds;
    const add = (instanceType: string, value: number): void => {
      seconds[instanceType] = (seconds[instanceType] ?? 0) + value;
    };
    for (const started of this.#started.values()) add(started.instanceType, Math.max(minimum, (now - started.requestedAt) / 1000));
    for (const used of this.#borrowed.values()) add(used.instanceType, (now - used.requestedAt) / 1000);
    return {
      backend: this.name,
      instanceSeconds: seconds,
      ...(this.#startupMs === undefined ? {} : { startupMs: this.#startupMs }),
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    const now = Date.now();
    for (const [id, used] of this.#borrowed) {
      this.#addSeconds(used.instanceType, (now - used.requestedAt) / 1000);
      this.#borrowed.delete(id);
    }
    await this.#stopStarted('run finished');
  }

  async #prepare(tasks: readonly ShardTask[], signal: AbortSignal): Promise<Worker[]> {
    const config = this.#options.config;
    if (config.token === undefined) {
      throw new UsageError('no EC2 worker token', {
        hint: 'set STOCKRISK_EC2_TOKEN (or "ec2": {"token": ...} in $STOCKRISK_HOME/config.json) to the token the workers were deployed with',
      });
    }
    const began = Date.now();
    const fleet = await describeFleet(this.#client, this.#options.query, config, signal);
    const usable = fleet.filter((instance) => {
      if (instance.state === 'stopping') this.#log(`ec2: ${clock()} ${instance.id} is stopping; not used by this run`);
      return instance.state !== 'stopping';
    });
    if (usable.length === 0) throw new CloudError('every matching EC2 instance is stopping', { hint: 'try again once they are stopped' });
    const toStart = usable.filter((instance) => instance.state === 'stopped');
    const estimate = estimateEc2Cost(
      plannedWork(tasks),
      usable.map((instance) => ({ instanceType: instance.instanceType, vcpus: instance.vcpus, startsHere: instance.state === 'stopped' })),
      this.#options.prices ?? defaultPriceTable,
    );
    await this.#options.costGuard?.('ec2', estimate);
    if (signal.aborted) throw cancelled(signal);

    for (const instance of usable) {
      if (instance.state === 'stopped') continue;
      this.#log(`ec2: ${clock()} using ${instance.id} (${instance.instanceType}, already ${instance.state}; it stays running)`);
      this.#borrowed.set(instance.id, { instanceType: instance.instanceType, requestedAt: Date.now() });
    }
    if (toStart.length > 0) {
      const ids = toStart.map((instance) => instance.id);
      for (const instance of toStart) this.#started.set(instance.id, { instanceType: instance.instanceType, requestedAt: Date.now() });
      this.#log(`ec2: ${clock()} starting ${toStart.map((i) => `${i.id} (${i.instanceType})`).join(', ')}`);
      this.#starting = startInstances(this.#client, ids).then((alreadyUp) => {
        for (const id of alreadyUp) {
          const started = this.#started.get(id) as StartedInstance;
          this.#started.delete(id);
          this.#borrowed.set(id, started);
          this.#log(`ec2: ${clock()} ${id} was started by someone else meanwhile; it stays running`);
        }
      });
      await this.#starting;
    }
    const notRunning = usable.filter((instance) => instance.state !== 'running').map((instance) => instance.id);
    if (notRunning.length > 0) {
      await waitRunning(this.#client, notRunning, { maxWaitSeconds: config.startTimeoutSeconds, pollSeconds: config.pollSeconds, signal });
    }
    // Addresses are known only once an instance runs.
    const running = await describeFleet(this.#client, { instanceIds: usable.map((instance) => instance.id) }, config, signal);
    const workers: Worker[] = [];
    // When one instance fails, the waits on the others end too (they would poll on, and
    // keep the process alive, for up to healthTimeoutSeconds).
    const healthWaits = new AbortController();
    const healthSignal = AbortSignal.any([signal, healthWaits.signal]);
    await Promise.all(
      running.map(async (instance) => {
        if (instance.url === undefined) {
          throw new CloudError(`EC2 instance ${instance.id} has no ${config.address} address`, {
            hint: 'set "ec2": {"address": "private-ip" | "public-ip" | "public-dns"} in $STOCKRISK_HOME/config.json',
          });
        }
        await waitHealthy(instance.id, instance.url, {
          timeoutMs: config.healthTimeoutSeconds * 1000,
          pollMs: Math.min(1000, config.pollSeconds * 1000),
          signal: healthSignal,
        });
        workers.push({ instance, url: instance.url, inFlight: 0, dead: false });
      }),
    ).finally(() => healthWaits.abort(new Error('start-up failed')));
    this.#startupMs = Date.now() - began;
    if (toStart.length > 0) {
      this.#log(`ec2: ${clock()} ${toStart.map((i) => i.id).join(', ')} running with a healthy worker after ${(this.#startupMs / 1000).toFixed(1)} s`);
    }
    return workers.sort((a, b) => (a.instance.id < b.instance.id ? -1 : 1));
  }

  async #guardOnRunningFleet(workers: readonly Worker[], tasks: readonly ShardTask[]): Promise<void> {
    const guard = this.#options.costGuard;
    if (guard === undefined) return;
    const fleet = workers.map((worker) => ({ instanceType: worker.instance.instanceType, vcpus: worker.instance.vcpus, startsHere: false }));
    await guard('ec2', estimateEc2Cost(plannedWork(tasks), fleet, this.#options.prices ?? defaultPriceTable));
  }

  async #spread(workers: Worker[], tasks: readonly ShardTask[], signal: AbortSignal, options: BackendRunOptions): Promise<ShardOutcome[]> {
    const token = this.#options.config.token ?? '';
    const policy = this.#options.retry ?? defaultRetryPolicy;
    const shardTimeoutMs = this.#options.config.shardTimeoutSeconds * 1000;
    const capacity = workers.reduce((sum, worker) => sum + Math.max(1, worker.instance.vcpus), 0);
    const concurrency = options.concurrency ?? this.#options.concurrency ?? capacity;

    const runTask = async (task: ShardTask, index: number, runSignal: AbortSignal): Promise<ShardOutcome> => {
      const started = performance.now();
      let lastError = '';
      for (let attempt = 1; ; attempt++) {
        const worker = leastLoaded(workers);
        if (worker === undefined) {
          throw new WorkerError(`every EC2 worker has failed (last: ${lastError})`, { hint: 'check the instances and their stockrisk-worker service' });
        }
        worker.inFlight += 1;
        try {
          const result = await postShard(worker.url, token, task, AbortSignal.any([runSignal, AbortSignal.timeout(shardTimeoutMs)]));
          const outcome: ShardOutcome = { result, ms: Math.round(performance.now() - started), attempts: attempt, worker: worker.instance.id };
          options.onShardDone?.(index, outcome);
          return outcome;
        } catch (error) {
          if (runSignal.aborted) throw cancelled(runSignal);
          const failure = error instanceof ShardRequestError ? error : new ShardRequestError(String(error), 'failed');
          lastError = failure.message;
          if (failure.kind === 'rejected') {
            throw new CloudError(`EC2 worker on ${worker.instance.id} refused a shard: ${failure.message}`, {
              hint: /401/.test(failure.message)
                ? 'STOCKRISK_EC2_TOKEN must equal the token the worker was deployed with'
                : 'the worker was deployed from another stockrisk version: run stockrisk deploy ec2 and update the instances',
            });
          }
          if (failure.kind === 'unreachable' && !worker.dead) {
            // No new shards go there while we look; it comes back only if it still answers.
            worker.dead = true;
            if (await isHealthy(worker.url, 2000)) worker.dead = false;
            else this.#log(`ec2: ${clock()} the worker on ${worker.instance.id} stopped answering (${failure.message}); its shards go to the others`);
          }
          if (attempt >= policy.maxAttempts) {
            throw new WorkerError(`a shard failed ${attempt} times on EC2: ${failure.message}`, {
              hint: 'check the stockrisk-worker service on the instances (journalctl -u stockrisk-worker)',
            });
          }
          await sleep(backoffDelayMs(policy, attempt), runSignal);
        } finally {
          worker.inFlight -= 1;
        }
      }
    };

    return fanOutFailFast(tasks, concurrency, signal, runTask);
  }

  /** Stops what this backend started; safe to call many times and concurrently. */
  #stopStarted(reason: string): Promise<void> {
    this.#stopping ??= (async () => {
      // A start request in flight must land before its instances can be stopped.
      await this.#starting?.catch(() => {});
      const ids = [...this.#started.keys()];
      if (ids.length === 0) return;
      const now = Date.now();
      const minimum = (this.#options.prices ?? defaultPriceTable).ec2.minimumSeconds;
      const described = ids.map((id) => {
        const started = this.#started.get(id) as StartedInstance;
        const seconds = (now - started.requestedAt) / 1000;
        this.#addSeconds(started.instanceType, Math.max(minimum, seconds));
        return `${id} (up ${seconds.toFixed(1)} s)`;
      });
      this.#log(`ec2: ${clock()} stopping ${described.join(', ')}: ${reason}; started by this run`);
      try {
        await stopInstances(this.#client, ids);
      } catch (error) {
        this.#log(`ec2: ${clock()} COULD NOT STOP ${ids.join(', ')}; stop them yourself: aws ec2 stop-instances --instance-ids ${ids.join(' ')}`);
        throw error;
      }
      this.#started.clear();
    })();
    return this.#stopping;
  }

  #addSeconds(instanceType: string, seconds: number): void {
    this.#instanceSeconds[instanceType] = (this.#instanceSeconds[instanceType] ?? 0) + seconds;
  }
}

function leastLoaded(workers: readonly Worker[]): Worker | undefined {
  let best: Worker | undefined;
  for (const worker of workers) {
    if (worker.dead) continue;
    const load = worker.inFlight / Math.max(1, worker.instance.vcpus);
    if (best === undefined || load < best.inFlight / Math.max(1, best.instance.vcpus)) best = worker;
  }
  return best;
}

function clock(): string {
  return new Date().toISOString().slice(11, 19);
}
