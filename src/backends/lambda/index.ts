// Builds the Lambda backend from the command's options and settings.
//   function: --function-name > STOCKRISK_LAMBDA_FUNCTION > config lambda.functionName > stockrisk-var
//   config "lambda": {"attemptTimeoutSeconds": 930, "maxAttempts": 4, "retryBaseMs": 200}
import { UsageError } from '../../core/errors.js';
import type { CloudBackendOptions } from '../cloud-options.js';
import { defaultRetryPolicy } from '../cloud-retry.js';
import { costGuard } from '../cost/cost-guard.js';
import { priceTableFrom } from '../cost/price-table.js';
import { LambdaBackend } from './lambda-backend.js';

export const defaultFunctionName = 'stockrisk-var';

export function createLambdaBackend(options: CloudBackendOptions): LambdaBackend {
  const config = section(options.settings.config, 'lambda');
  const envName = options.env.STOCKRISK_LAMBDA_FUNCTION;
  const functionName =
    options.functionName ??
    (envName !== undefined && envName !== '' ? envName : undefined) ??
    (typeof config.functionName === 'string' ? config.functionName : defaultFunctionName);
  const attemptTimeoutSeconds = positive(config, 'attemptTimeoutSeconds');
  return new LambdaBackend({
    functionName,
    ...(attemptTimeoutSeconds === undefined ? {} : { attemptTimeoutMs: attemptTimeoutSeconds * 1000 }),
    retry: {
      ...defaultRetryPolicy,
      maxAttempts: positive(config, 'maxAttempts') ?? defaultRetryPolicy.maxAttempts,
      baseDelayMs: positive(config, 'retryBaseMs') ?? defaultRetryPolicy.baseDelayMs,
    },
    prices: priceTableFrom(options.settings.config),
    costGuard: options.costGuard ?? costGuard({ maxCostUsd: options.maxCostUsd, yes: options.yes, interactive: options.interactive, log: options.log }),
  });
}

function section(config: Readonly<Record<string, unknown>>, name: string): Record<string, unknown> {
  const value = config[name] ?? {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`config "${name}" must be an object`);
  return value as Record<string, unknown>;
}

function positive(values: Record<string, unknown>, key: string): number | undefined {
  const value = values[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new UsageError(`config lambda.${key} must be a positive number`);
  return value;
}
