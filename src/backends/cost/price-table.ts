// The one price table every cost figure comes from: AWS on-demand list prices for
// us-east-1, dated, with their sources. Any part can be overridden in
// $STOCKRISK_HOME/config.json under "prices" (same shape, partial), e.g. for another
// region or a negotiated rate; the override's own `asOf`/`source` then say so.
import { UsageError } from '../../core/errors.js';

export interface PriceTable {
  /** When these prices were read from the source pages (YYYY-MM-DD). */
  readonly asOf: string;
  readonly region: string;
  readonly source: readonly string[];
  readonly lambda: {
    /** USD per GB-second of billed duration (billed per 1 ms). */
    readonly x86_64GbSecond: number;
    readonly arm64GbSecond: number;
    /** USD per invocation. */
    readonly request: number;
  };
  readonly ec2: {
    /** USD per instance-hour, Linux on-demand, by instance type. */
    readonly hourly: Readonly<Record<string, number>>;
    /** Linux instances are billed per second with this minimum per start. */
    readonly minimumSeconds: number;
  };
  readonly s3: {
    /** USD per PUT/LIST request and per GET request (S3 Standard). */
    readonly put: number;
    readonly get: number;
  };
  /**
   * For estimates made before a run: Monte Carlo draws one vCPU computes per second,
   * deliberately on the slow side so that an estimate errs high, and the seconds an EC2
   * instance takes from StartInstances to a healthy worker.
   */
  readonly assumptions: {
    readonly drawsPerVcpuSecond: number;
    readonly ec2StartupSeconds: number;
    readonly lambdaColdStartSeconds: number;
  };
}

export const defaultPriceTable: PriceTable = {
  asOf: '2025-06-01',
  region: 'us-east-1',
  source: ['https://aws.amazon.com/lambda/pricing/', 'https://aws.amazon.com/ec2/pricing/on-demand/', 'https://aws.amazon.com/s3/pricing/'],
  lambda: { x86_64GbSecond: 0.0000166667, arm64GbSecond: 0.0000133334, request: 0.0000002 },
  ec2: {
    hourly: {
      't3.micro': 0.0104,
      't3.small': 0.0208,
      't3.medium': 0.0416,
      't3.large': 0.0832,
      't4g.micro': 0.0084,
      't4g.small': 0.0168,
      't4g.medium': 0.0336,
      'c5.large': 0.085,
      'c5.xlarge': 0.17,
      'c6i.large': 0.085,
      'c6i.xlarge': 0.17,
      'c6g.large': 0.068,
      'c6g.xlarge': 0.136,
      'c7g.large': 0.0725,
      'c7g.xlarge': 0.145,
      'c7g.2xlarge': 0.29,
      'm6i.large': 0.096,
      'm7g.large': 0.0816,
    },
    minimumSeconds: 60,
  },
  s3: { put: 0.000005, get: 0.0000004 },
  assumptions: { drawsPerVcpuSecond: 10_000_000, ec2StartupSeconds: 60, lambdaColdStartSeconds: 1 },
};

/** The default table with `config.prices` laid over it (validated: every price a number >= 0). */
export function priceTableFrom(config: Readonly<Record<string, unknown>>): PriceTable {
  const override = config.prices;
  if (override === undefined) return defaultPriceTable;
  if (!isRecord(override)) throw new UsageError('config "prices" must be an object', { hint: 'see docs/aws.md, "Costs"' });
  const merged = mergeDeep(defaultPriceTable as unknown as Record<string, unknown>, override, 'prices');
  return merged as unknown as PriceTable;
}

/** USD per hour for an instance type, or an error naming the type and how to price it. */
export function ec2Hourly(prices: PriceTable, instanceType: string): number {
  const hourly = prices.ec2.hourly[instanceType];
  if (hourly === undefined) {
    throw new UsageError(`no price for EC2 instance type ${instanceType}`, {
      hint: `add it to $STOCKRISK_HOME/config.json: {"prices": {"ec2": {"hourly": {"${instanceType}": <USD per hour>}}}}`,
    });
  }
  return hourly;
}

function mergeDeep(base: Record<string, unknown>, override: Record<string, unknown>, path: string): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const where = `${path}.${key}`;
    const current = base[key];
    if (isRecord(value) && (current === undefined || isRecord(current))) {
      result[key] = mergeDeep(current ?? {}, value, where);
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value) || value < 0) throw new UsageError(`config ${where} must be a number >= 0`);
      result[key] = value;
    } else if (typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'))) {
      result[key] = value;
    } else {
      throw new UsageError(`config ${where} has an unexpected value`, { hint: 'see docs/aws.md, "Costs"' });
    }
  }
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
