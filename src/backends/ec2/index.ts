// Builds the EC2 backend from the command's options and settings (see ec2-config.ts).
import type { CloudBackendOptions } from '../cloud-options.js';
import { costGuard } from '../cost/cost-guard.js';
import { priceTableFrom } from '../cost/price-table.js';
import { Ec2Backend } from './ec2-backend.js';
import { ec2ConfigFrom } from './ec2-config.js';

export function createEc2Backend(options: CloudBackendOptions): Ec2Backend {
  return new Ec2Backend({
    query: {
      ...(options.instanceIds === undefined ? {} : { instanceIds: options.instanceIds }),
      ...(options.instanceType === undefined ? {} : { instanceType: options.instanceType }),
    },
    config: ec2ConfigFrom(options.settings.config, options.env),
    prices: priceTableFrom(options.settings.config),
    costGuard: options.costGuard ?? costGuard({ maxCostUsd: options.maxCostUsd, yes: options.yes, interactive: options.interactive, log: options.log }),
    log: options.log,
    signal: options.signal,
  });
}
