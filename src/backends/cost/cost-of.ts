// What a run cost, from the resources its backend reports (BackendUsage) and the price
// table. `detail` says how the figure was made, so a user can check it by hand.
import type { BackendUsage } from '../../ports.js';
import { defaultPriceTable, ec2Hourly, type PriceTable } from './price-table.js';

export interface RunCost {
  readonly usd: number;
  readonly detail: string;
}

/** Extra requests a run makes besides its compute: the result's PUT to the bucket. */
export interface RequestUsage {
  readonly s3Puts?: number;
}

export function costOf(usage: BackendUsage, prices: PriceTable = defaultPriceTable, requests: RequestUsage = {}): RunCost {
  const parts: { usd: number; text: string }[] = [];
  // Only Lambda bills invocations (the local backend counts shards run as invocations too).
  if (usage.backend === 'lambda' && usage.invocations !== undefined && usage.invocations > 0) {
    const memoryMb = usage.memoryMb ?? 0;
    const arch = usage.architecture ?? 'x86_64';
    const gbSeconds = ((usage.billedMs ?? 0) / 1000) * (memoryMb / 1024);
    const rate = arch === 'arm64' ? prices.lambda.arm64GbSecond : prices.lambda.x86_64GbSecond;
    const usd = gbSeconds * rate + usage.invocations * prices.lambda.request;
    parts.push({
      usd,
      text: `Lambda ${usage.invocations} invocations, ${round(gbSeconds, 3)} GB-s (${usage.billedMs ?? 0} ms billed at ${memoryMb} MB, ${arch}) = ${formatUsd(usd)}`,
    });
  }
  for (const [instanceType, seconds] of Object.entries(usage.instanceSeconds ?? {})) {
    const usd = (seconds / 3600) * ec2Hourly(prices, instanceType);
    parts.push({ usd, text: `EC2 ${round(seconds, 1)} s of ${instanceType} = ${formatUsd(usd)}` });
  }
  if (requests.s3Puts !== undefined && requests.s3Puts > 0) {
    const usd = requests.s3Puts * prices.s3.put;
    parts.push({ usd, text: `S3 ${requests.s3Puts} PUT = ${formatUsd(usd)}` });
  }
  const usd = round(
    parts.reduce((sum, part) => sum + part.usd, 0),
    10,
  );
  const detail =
    parts.length === 0
      ? `${usage.backend}: no billed cloud resources`
      : `${parts.map((part) => part.text).join('; ')} (prices ${prices.region}, ${prices.asOf})`;
  return { usd, detail };
}

/** Dollars for people: cents when it is that much, otherwise enough digits to see it. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  if (usd >= 0.01) return `$${usd.toFixed(2)}`;
  return `$${usd.toPrecision(2)}`;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
