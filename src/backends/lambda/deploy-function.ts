// Creating or updating the Lambda function from our bundle, and waiting until it can be
// invoked. Used by `stockrisk deploy lambda`.
import {
  CreateFunctionCommand,
  type FunctionConfiguration,
  GetFunctionCommand,
  type LambdaClient,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { toCloudError } from '../../aws/cloud-error.js';
import { UsageError } from '../../core/errors.js';
import { type LambdaBundle, lambdaHandlerName, lambdaRuntime } from './bundle.js';

export interface DeployRequest {
  readonly functionName: string;
  readonly role: string | undefined;
  readonly architecture: 'arm64' | 'x86_64' | undefined;
  readonly memoryMb: number | undefined;
  readonly timeoutSeconds: number | undefined;
}

/** Defaults for a new function: one full vCPU (1769 MB), Graviton, 5 minutes. */
export const newFunctionDefaults = { architecture: 'arm64', memoryMb: 1769, timeoutSeconds: 300 } as const;

export interface DeployOutcome {
  readonly action: 'created' | 'updated';
  readonly configuration: FunctionConfiguration;
}

const waitSeconds = 300;

export async function deployFunction(client: LambdaClient, bundle: LambdaBundle, request: DeployRequest, log: (line: string) => void): Promise<DeployOutcome> {
  const name = request.functionName;
  const existing = await getFunction(client, name);
  if (existing === undefined) {
    if (request.role === undefined) {
      throw new UsageError(`Lambda function ${name} does not exist yet; creating it needs --role`, {
        hint: 'pass the ARN of an execution role with AWSLambdaBasicExecutionRole (docs/aws.md shows how to make one)',
      });
    }
    log(`creating Lambda function ${name} ...`);
    await call(`creating Lambda function ${name}`, () =>
      client.send(
        new CreateFunctionCommand({
          FunctionName: name,
          Runtime: lambdaRuntime,
          Handler: lambdaHandlerName,
          Role: request.role,
          Code: { ZipFile: bundle.zip },
          Architectures: [request.architecture ?? newFunctionDefaults.architecture],
          MemorySize: request.memoryMb ?? newFunctionDefaults.memoryMb,
          Timeout: request.timeoutSeconds ?? newFunctionDefaults.timeoutSeconds,
          Description: 'stockrisk: one Monte Carlo VaR shard per invocation',
          Tags: { stockrisk: 'var' },
        }),
      ),
    );
    await call(`waiting for ${name} to become active`, () => waitUntilFunctionActiveV2({ client, maxWaitTime: waitSeconds }, { FunctionName: name }));
    return { action: 'created', configuration: await getExisting(client, name) };
  }
  log(`updating the code of Lambda function ${name} ...`);
  await call(`updating the code of ${name}`, () =>
    client.send(
      new UpdateFunctionCodeCommand({
        FunctionName: name,
        ZipFile: bundle.zip,
        ...(request.architecture === undefined ? {} : { Architectures: [request.architecture] }),
      }),
    ),
  );
  await call(`waiting for ${name} to update`, () => waitUntilFunctionUpdatedV2({ client, maxWaitTime: waitSeconds }, { FunctionName: name }));
  log(`updating the configuration of Lambda function ${name} ...`);
  await call(`updating the configuration of ${name}`, () =>
    client.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: name,
        Runtime: lambdaRuntime,
        Handler: lambdaHandlerName,
        ...(request.role === undefined ? {} : { Role: request.role }),
        ...(request.memoryMb === undefined ? {} : { MemorySize: request.memoryMb }),
        ...(request.timeoutSeconds === undefined ? {} : { Timeout: request.timeoutSeconds }),
      }),
    ),
  );
  await call(`waiting for ${name} to update`, () => waitUntilFunctionUpdatedV2({ client, maxWaitTime: waitSeconds }, { FunctionName: name }));
  return { action: 'updated', configuration: await getExisting(client, name) };
}

async function getFunction(client: LambdaClient, name: string): Promise<FunctionConfiguration | undefined> {
  try {
    return (await client.send(new GetFunctionCommand({ FunctionName: name }))).Configuration;
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
    throw toCloudError(error, `looking up Lambda function ${name}`);
  }
}

async function getExisting(client: LambdaClient, name: string): Promise<FunctionConfiguration> {
  const configuration = await getFunction(client, name);
  if (configuration === undefined) throw toCloudError(new Error('it vanished after deployment'), `reading Lambda function ${name}`);
  return configuration;
}

async function call<T>(doing: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw toCloudError(error, doing);
  }
}
