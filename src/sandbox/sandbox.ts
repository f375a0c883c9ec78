// The whole sandbox: S3, Lambda and EC2 APIs on 127.0.0.1, running our real Lambda
// bundle and EC2 worker bundle, plus the environment that points stockrisk (and the AWS
// CLI) at them. `npm run sandbox` prints that environment; tests start one per file.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWorkerBundle } from '../backends/ec2/worker-bundle.js';
import { buildLambdaBundle } from '../backends/lambda/bundle.js';
import { type Ec2Emulator, type Ec2InstanceSpec, startEc2Emulator } from './ec2-emulator.js';
import { type LambdaEmulator, startLambdaEmulator } from './lambda-emulator.js';
import { type S3Emulator, startS3Emulator } from './s3-emulator.js';

export interface SandboxOptions {
  readonly bucket?: string;
  readonly functionName?: string;
  readonly instances?: readonly Ec2InstanceSpec[];
  readonly log?: (line: string) => void;
}

export interface Sandbox {
  /** Environment variables that point stockrisk at the sandbox. */
  readonly env: Readonly<Record<string, string>>;
  readonly s3: S3Emulator;
  readonly lambda: LambdaEmulator;
  readonly ec2: Ec2Emulator;
  readonly instanceIds: readonly string[];
  close(): Promise<void>;
}

export const defaultSandboxInstances: readonly Ec2InstanceSpec[] = [
  { id: 'i-0sandbox00000001', instanceType: 't3.small', tags: { stockrisk: 'worker', Name: 'stockrisk-worker-1' } },
  { id: 'i-0sandbox00000002', instanceType: 't3.small', tags: { stockrisk: 'worker', Name: 'stockrisk-worker-2' } },
];

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const bucket = options.bucket ?? 'stockrisk-sandbox';
  const functionName = options.functionName ?? 'stockrisk-var';
  const instances = options.instances ?? defaultSandboxInstances;
  const token = randomBytes(16).toString('hex');
  const workerDir = mkdtempSync(join(tmpdir(), 'stockrisk-ec2-worker-'));
  const [bundle] = await Promise.all([buildLambdaBundle(), writeWorkerBundle(workerDir)]);
  const s3 = await startS3Emulator(bucket);
  const lambda = await startLambdaEmulator();
  lambda.deploy(functionName, bundle.zip);
  const ec2 = await startEc2Emulator({ instances, workerDir, token, ...(options.log === undefined ? {} : { log: options.log }) });
  return {
    env: {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint,
      AWS_ENDPOINT_URL_EC2: ec2.endpoint,
      STOCKRISK_BUCKET: bucket,
      STOCKRISK_LAMBDA_FUNCTION: functionName,
      STOCKRISK_EC2_TOKEN: token,
    },
    s3,
    lambda,
    ec2,
    instanceIds: instances.map((instance) => instance.id),
    async close() {
      await Promise.all([ec2.close(), lambda.close(), s3.close()]);
      rmSync(workerDir, { recursive: true, force: true });
    },
  };
}
