// `npm run sandbox`: S3, Lambda and EC2 on 127.0.0.1 for trying every backend without an
// AWS account. Prints `export NAME=value` lines to paste into a shell, then runs until
// Ctrl-C. Faults can be switched on while it runs, e.g.
//   curl -X POST "$AWS_ENDPOINT_URL_LAMBDA/_sandbox/faults" -d '{"failNext":1}'
//   curl -X POST "$AWS_ENDPOINT_URL_EC2/_sandbox/faults" -d '{"killWorkerOnNextShards":1}'
import { startSandbox } from './sandbox.js';

const sandbox = await startSandbox({ log: (line) => process.stderr.write(`${line}\n`) });
const out = process.stdout;
out.write('# stockrisk sandbox: S3, Lambda and EC2 APIs on 127.0.0.1. Paste into your shell:\n');
for (const [name, value] of Object.entries(sandbox.env)) out.write(`export ${name}=${value}\n`);
out.write(`# EC2 instances (stopped, tagged stockrisk=worker): ${sandbox.instanceIds.join(' ')}\n`);
out.write(`# Lambda function: ${sandbox.env.STOCKRISK_LAMBDA_FUNCTION}; bucket: ${sandbox.env.STOCKRISK_BUCKET}\n`);
out.write('# try: stockrisk var AMZN --date 2020-03-23 --position long --backend lambda -r 4 --seed 7\n');
out.write('# faults: POST {"failNext":1} / {"throttleNext":2} / {"slowNext":4,"slowMs":500} to $AWS_ENDPOINT_URL_LAMBDA/_sandbox/faults,\n');
out.write('#         {"neverRunning":true} / {"killWorkerOnNextShards":1} to $AWS_ENDPOINT_URL_EC2/_sandbox/faults\n');
out.write('# Ctrl-C stops the sandbox.\n');

const stop = (): void => {
  void sandbox.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
