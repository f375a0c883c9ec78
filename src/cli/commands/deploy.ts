// `stockrisk deploy lambda` and `stockrisk deploy ec2`: put the compute where the cloud
// backends expect it. See docs/aws.md for the IAM permissions and the whole set-up.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import { writeJson, writeLine, writeNote } from '../output.js';
import { globalSettings } from './global-options.js';

interface LambdaFlags {
  functionName?: string;
  role?: string;
  arch?: string;
  memory?: string;
  timeout?: string;
  json?: boolean;
}

interface Ec2Flags {
  out: string;
  port: string;
  token?: string;
  json?: boolean;
}

export function registerDeploy(program: Command, ctx: CliContext): void {
  const deploy = program
    .command('deploy')
    .description('deploy the Lambda function or build the EC2 worker (see docs/aws.md)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ stockrisk deploy lambda --role arn:aws:iam::123456789012:role/stockrisk-lambda\n  $ stockrisk deploy ec2 --bucket my-stockrisk',
    );

  deploy
    .command('lambda')
    .description('bundle the shard handler, create or update the Lambda function, wait until it is active')
    .option('--function-name <name>', 'function name (env STOCKRISK_LAMBDA_FUNCTION)', undefined)
    .option('--role <arn>', 'execution role ARN (needed to create the function)')
    .option('--arch <arch>', 'arm64 or x86_64 (new functions: arm64)')
    .option('--memory <mb>', 'memory in MB, 128..10240 (new functions: 1769 = one vCPU)')
    .option('--timeout <seconds>', 'timeout in seconds, 1..900 (new functions: 300)')
    .option('--json', 'print JSON only')
    .addHelpText(
      'after',
      '\nExamples:\n  $ stockrisk deploy lambda --role arn:aws:iam::123456789012:role/stockrisk-lambda\n  $ stockrisk deploy lambda --memory 3008 --arch x86_64',
    )
    .action(async (flags: LambdaFlags) => {
      const architecture = flags.arch === undefined ? undefined : architectureOf(flags.arch);
      const memoryMb = flags.memory === undefined ? undefined : integerIn('--memory', flags.memory, 128, 10240);
      const timeoutSeconds = flags.timeout === undefined ? undefined : integerIn('--timeout', flags.timeout, 1, 900);
      if (flags.role !== undefined && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(flags.role)) {
        throw new UsageError(`--role must be an IAM role ARN, got ${JSON.stringify(flags.role)}`, {
          hint: 'e.g. arn:aws:iam::123456789012:role/stockrisk-lambda',
        });
      }
      const envName = ctx.env.STOCKRISK_LAMBDA_FUNCTION;
      const { defaultFunctionName } = await import('../../backends/lambda/index.js');
      const functionName = flags.functionName ?? (envName !== undefined && envName !== '' ? envName : defaultFunctionName);
      const { buildLambdaBundle } = await import('../../backends/lambda/bundle.js');
      const { deployFunction } = await import('../../backends/lambda/deploy-function.js');
      const { lambdaControlClient } = await import('../../aws/lambda-client.js');
      const bundle = await buildLambdaBundle();
      writeNote(ctx, `bundled lambda/handler: ${(bundle.zip.length / 1024).toFixed(1)} KB zip`);
      const outcome = await deployFunction(lambdaControlClient(), bundle, { functionName, role: flags.role, architecture, memoryMb, timeoutSeconds }, (line) =>
        writeNote(ctx, line),
      );
      const c = outcome.configuration;
      const summary = {
        action: outcome.action,
        functionName: c.FunctionName ?? functionName,
        functionArn: c.FunctionArn ?? null,
        runtime: c.Runtime ?? null,
        architecture: c.Architectures?.[0] ?? null,
        memoryMb: c.MemorySize ?? null,
        timeoutSeconds: c.Timeout ?? null,
        codeSize: c.CodeSize ?? bundle.zip.length,
        codeSha256: c.CodeSha256 ?? bundle.sha256,
        state: c.State ?? null,
      };
      if (flags.json === true) return writeJson(ctx, summary);
      writeLine(
        ctx,
        `${summary.action} ${summary.functionName}: ${summary.runtime}, ${summary.architecture}, ${summary.memoryMb} MB, ${summary.timeoutSeconds} s timeout, code ${summary.codeSize} bytes; ${summary.state}`,
      );
      writeLine(ctx, `try it: stockrisk var AMZN --date 2020-03-23 --position long --backend lambda --function-name ${summary.functionName} -r 8`);
    });

  deploy
    .command('ec2')
    .description('write the EC2 worker bundle, its systemd unit and user data to a folder (and to the bucket, when set)')
    .option('--out <dir>', 'folder to write', 'stockrisk-worker')
    .option('--port <port>', 'port the worker listens on', '8787')
    .option('--token <token>', 'bearer token clients must send (default: a new random one)')
    .option('--json', 'print JSON only')
    .addHelpText(
      'after',
      '\nExamples:\n  $ stockrisk deploy ec2 --out build/worker\n  $ stockrisk deploy ec2 --bucket my-stockrisk   # also uploads to s3://my-stockrisk/worker/',
    )
    .action(async (flags: Ec2Flags, command: Command) => {
      const settings = globalSettings(ctx, command);
      const port = integerIn('--port', flags.port, 1, 65535);
      const token = flags.token ?? randomBytes(24).toString('hex');
      if (!/^[A-Za-z0-9._~-]{16,}$/.test(token)) throw new UsageError('--token must be at least 16 characters of A-Z a-z 0-9 . _ ~ -');
      const out = resolve(flags.out);
      const { writeWorkerBundle } = await import('../../backends/ec2/worker-bundle.js');
      const { environmentFile, serviceName, systemdUnit, userData } = await import('../../backends/ec2/worker-setup.js');
      const bundleFiles = await writeWorkerBundle(out);
      await writeFile(join(out, `${serviceName}.service`), systemdUnit());
      await writeFile(join(out, `${serviceName}.env`), environmentFile(token, port), { mode: 0o600 });
      await writeFile(join(out, 'user-data.sh'), userData({ token, port, bucket: settings.bucket }), { mode: 0o600 });
      let uploaded: string | null = null;
      if (settings.bucket !== undefined) {
        const { openBucket } = await import('../../data/bucket.js');
        const { readFile } = await import('node:fs/promises');
        const bucket = await openBucket(settings);
        for (const file of bundleFiles) await bucket.put(`worker/${file}`, await readFile(join(out, file)));
        uploaded = `${bucket.location}/worker/`;
      }
      const summary = { out, files: [...bundleFiles, `${serviceName}.service`, `${serviceName}.env`, 'user-data.sh'], port, uploaded };
      if (flags.json === true) return writeJson(ctx, summary);
      writeLine(ctx, `wrote the EC2 worker to ${out}: ${summary.files.join(', ')}`);
      if (uploaded !== null) writeLine(ctx, `uploaded the bundle to ${uploaded} (user-data.sh fetches it from there)`);
      writeLine(ctx, 'next: launch instances with user-data.sh, tag them stockrisk=worker, stop them (docs/aws.md), then on this machine:');
      writeLine(ctx, `  export STOCKRISK_EC2_TOKEN=${token}`);
    });
}

function architectureOf(text: string): 'arm64' | 'x86_64' {
  if (text === 'arm64' || text === 'x86_64') return text;
  throw new UsageError(`--arch must be arm64 or x86_64, got ${JSON.stringify(text)}`);
}

function integerIn(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max)
    throw new UsageError(`${flag} must be an integer in ${min}..${max}, got ${JSON.stringify(text)}`);
  return value;
}
