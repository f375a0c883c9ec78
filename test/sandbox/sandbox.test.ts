// The sandbox itself, seen through the real SDK clients: it must answer like the AWS APIs
// our code relies on (shapes verified in shared/AWS-TESTING.md), and `npm run sandbox`
// must print usable export lines and stop cleanly.
import '../../src/aws/sdk-warning.js';
import { spawn } from 'node:child_process';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { parseReportLine } from '../../src/backends/lambda/report-line.js';
import { useSandbox } from '../cloud/sandbox-fixture.js';
import { smallRun } from '../cloud/shard-fixture.js';
import { repoRoot } from '../helpers/paths.js';

const sandbox = useSandbox();
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

describe('sandbox Lambda API', () => {
  it('runs the bundled handler and returns a REPORT line in the log tail', async () => {
    const client = new LambdaClient({ endpoint: sandbox().lambda.endpoint, region: 'us-east-1', credentials });
    const { tasks, expected } = smallRun(1);
    const response = await client.send(
      new InvokeCommand({ FunctionName: 'stockrisk-var', Payload: new TextEncoder().encode(JSON.stringify(tasks[0])), LogType: 'Tail' }),
    );
    expect(response.FunctionError).toBeUndefined();
    expect(JSON.parse(new TextDecoder().decode(response.Payload))).toEqual(expected[0]);
    const report = parseReportLine(response.LogResult);
    expect(report?.memoryMb).toBe(1769);
    expect(report?.billedMs).toBeGreaterThan(0);
  });

  it('reports a handler that rejects its event as a function error, not an exception', async () => {
    const client = new LambdaClient({ endpoint: sandbox().lambda.endpoint, region: 'us-east-1', credentials });
    const response = await client.send(new InvokeCommand({ FunctionName: 'stockrisk-var', Payload: new TextEncoder().encode('{"protocol":99}') }));
    expect(response.FunctionError).toBe('Unhandled');
    expect(JSON.parse(new TextDecoder().decode(response.Payload))).toMatchObject({
      errorType: 'UsageError',
      errorMessage: expect.stringContaining('invalid shard'),
    });
  });

  it('throttles with 429 TooManyRequestsException, which the SDK retries by itself', async () => {
    const client = new LambdaClient({ endpoint: sandbox().lambda.endpoint, region: 'us-east-1', credentials });
    sandbox().lambda.faults.throttleNext = 1;
    const response = await client.send(
      new InvokeCommand({ FunctionName: 'stockrisk-var', Payload: new TextEncoder().encode(JSON.stringify(smallRun(1).tasks[0])) }),
    );
    expect(response.$metadata.attempts).toBe(2);
  });
});

describe('sandbox EC2 API', () => {
  it('describes the tagged, stopped instances and filters by tag and type', async () => {
    const client = new EC2Client({ endpoint: sandbox().ec2.endpoint, region: 'us-east-1', credentials });
    const tagged = await client.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:stockrisk', Values: ['worker'] }] }));
    const instances = tagged.Reservations?.flatMap((r) => r.Instances ?? []) ?? [];
    expect(instances.map((i) => [i.InstanceId, i.State?.Name, i.InstanceType])).toEqual([
      ['i-0sandbox00000001', 'stopped', 't3.small'],
      ['i-0sandbox00000002', 'stopped', 't3.small'],
    ]);
    const none = await client.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-type', Values: ['c7g.large'] }] }));
    expect(none.Reservations).toEqual([]);
  });

  it('answers an unknown instance id with InvalidInstanceID.NotFound', async () => {
    const client = new EC2Client({ endpoint: sandbox().ec2.endpoint, region: 'us-east-1', credentials });
    await expect(client.send(new DescribeInstancesCommand({ InstanceIds: ['i-0nope'] }))).rejects.toMatchObject({ name: 'InvalidInstanceID.NotFound' });
  });
});

describe('npm run sandbox', () => {
  it('prints export lines for every endpoint and stops on SIGINT', async () => {
    const child = spawn(process.execPath, ['dist/src/sandbox/main.js'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const deadline = Date.now() + 20_000;
    while (!stdout.includes('Ctrl-C stops') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const exports = Object.fromEntries([...stdout.matchAll(/^export (\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
    expect(Object.keys(exports).sort()).toEqual(
      [
        'AWS_ACCESS_KEY_ID',
        'AWS_ENDPOINT_URL_EC2',
        'AWS_ENDPOINT_URL_LAMBDA',
        'AWS_ENDPOINT_URL_S3',
        'AWS_REGION',
        'AWS_SECRET_ACCESS_KEY',
        'STOCKRISK_BUCKET',
        'STOCKRISK_EC2_TOKEN',
        'STOCKRISK_LAMBDA_FUNCTION',
      ].sort(),
    );
    for (const name of ['AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL_LAMBDA', 'AWS_ENDPOINT_URL_EC2']) expect(exports[name]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
