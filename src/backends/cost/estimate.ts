// Cost estimates made BEFORE a cloud run spends anything, from the work planned and the
// price table's (deliberately pessimistic) throughput assumptions. They bound what a run
// may cost; the figure reported after the run (costOf) comes from measured usage.
import { formatUsd, type RunCost } from './cost-of.js';
import { ec2Hourly, type PriceTable } from './price-table.js';

/** Work a run will do: Monte Carlo draws per shard, each generated `passes` times. */
export interface PlannedWork {
  readonly shardDraws: readonly number[];
  readonly passes: number;
}

export function estimateLambdaCost(work: PlannedWork, fn: { memoryMb: number; architecture: 'arm64' | 'x86_64' }, prices: PriceTable): RunCost {
  // Lambda gives a function one full vCPU at 1769 MB, proportionally less below.
  const vcpus = Math.min(1, fn.memoryMb / 1769);
  const rate = fn.architecture === 'arm64' ? prices.lambda.arm64GbSecond : prices.lambda.x86_64GbSecond;
  let seconds = 0;
  for (const draws of work.shardDraws) {
    seconds += (draws * work.passes) / (prices.assumptions.drawsPerVcpuSecond * vcpus) + prices.assumptions.lambdaColdStartSeconds;
  }
  const invocations = work.shardDraws.length * work.passes;
  const gbSeconds = seconds * (fn.memoryMb / 1024);
  const usd = gbSeconds * rate + invocations * prices.lambda.request;
  return {
    usd,
    detail: `about ${invocations} invocations, up to ${gbSeconds.toFixed(1)} GB-s at ${fn.memoryMb} MB ${fn.architecture} = ${formatUsd(usd)}`,
  };
}

export interface PlannedInstance {
  readonly instanceType: string;
  readonly vcpus: number;
  /** Stopped now: this run starts it and pays its start-up and billing minimum. */
  readonly startsHere: boolean;
}

export function estimateEc2Cost(work: PlannedWork, instances: readonly PlannedInstance[], prices: PriceTable): RunCost {
  const totalVcpus = instances.reduce((sum, instance) => sum + Math.max(1, instance.vcpus), 0);
  const totalDraws = work.shardDraws.reduce((sum, draws) => sum + draws, 0) * work.passes;
  const computeSeconds = totalDraws / (prices.assumptions.drawsPerVcpuSecond * Math.max(1, totalVcpus));
  let usd = 0;
  const byType = new Map<string, number>();
  for (const instance of instances) {
    const seconds = instance.startsHere ? Math.max(prices.ec2.minimumSeconds, prices.assumptions.ec2StartupSeconds + computeSeconds) : computeSeconds;
    usd += (seconds / 3600) * ec2Hourly(prices, instance.instanceType);
    byType.set(instance.instanceType, (byType.get(instance.instanceType) ?? 0) + 1);
  }
  const fleet = [...byType].map(([type, count]) => `${count} x ${type}`).join(', ');
  const starting = instances.filter((instance) => instance.startsHere).length;
  return {
    usd,
    detail: `${fleet} (${starting} to start), about ${Math.ceil(computeSeconds)} s of compute = ${formatUsd(usd)}`,
  };
}
