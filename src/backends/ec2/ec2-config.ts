// The EC2 backend's settings: `ec2` in $STOCKRISK_HOME/config.json, the token also from
// STOCKRISK_EC2_TOKEN (environment beats the config file).
//   { "ec2": { "token": "...", "port": 8787, "address": "private-ip",
//              "startTimeoutSeconds": 300, "healthTimeoutSeconds": 180,
//              "pollSeconds": 5, "shardTimeoutSeconds": 900 } }
import { UsageError } from '../../core/errors.js';

export type WorkerAddressKind = 'private-ip' | 'public-ip' | 'public-dns';

export interface Ec2Config {
  readonly token: string | undefined;
  /** The workers' port, unless an instance's `stockrisk:port` tag says otherwise. */
  readonly port: number;
  /** Which address of an instance to reach its worker at. */
  readonly address: WorkerAddressKind;
  readonly startTimeoutSeconds: number;
  readonly healthTimeoutSeconds: number;
  readonly pollSeconds: number;
  readonly shardTimeoutSeconds: number;
}

export const defaultEc2Config: Omit<Ec2Config, 'token'> = {
  port: 8787,
  address: 'private-ip',
  startTimeoutSeconds: 300,
  healthTimeoutSeconds: 180,
  pollSeconds: 5,
  shardTimeoutSeconds: 900,
};

export function ec2ConfigFrom(config: Readonly<Record<string, unknown>>, env: NodeJS.ProcessEnv): Ec2Config {
  const section = config.ec2 ?? {};
  if (section === null || typeof section !== 'object' || Array.isArray(section)) throw new UsageError('config "ec2" must be an object');
  const values = section as Record<string, unknown>;
  const number = (key: keyof typeof defaultEc2Config & string, fallback: number): number => {
    const value = values[key];
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new UsageError(`config ec2.${key} must be a positive number`);
    return value;
  };
  const address = values.address ?? defaultEc2Config.address;
  if (address !== 'private-ip' && address !== 'public-ip' && address !== 'public-dns') {
    throw new UsageError('config ec2.address must be "private-ip", "public-ip" or "public-dns"');
  }
  const envToken = env.STOCKRISK_EC2_TOKEN;
  const token = envToken !== undefined && envToken !== '' ? envToken : typeof values.token === 'string' ? values.token : undefined;
  return {
    token,
    port: number('port', defaultEc2Config.port),
    address,
    startTimeoutSeconds: number('startTimeoutSeconds', defaultEc2Config.startTimeoutSeconds),
    healthTimeoutSeconds: number('healthTimeoutSeconds', defaultEc2Config.healthTimeoutSeconds),
    pollSeconds: number('pollSeconds', defaultEc2Config.pollSeconds),
    shardTimeoutSeconds: number('shardTimeoutSeconds', defaultEc2Config.shardTimeoutSeconds),
  };
}
