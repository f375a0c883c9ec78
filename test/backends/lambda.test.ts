// The Lambda backend against the backend contract, through the real SDK client and the
// sandbox's Lambda API running our bundled handler.
import { LambdaBackend } from '../../src/backends/lambda/lambda-backend.js';
import { useSandbox, useSandboxEnv } from '../cloud/sandbox-fixture.js';
import { describeBackendContract } from './contract.js';

const sandbox = useSandbox();
useSandboxEnv(sandbox);

describeBackendContract('lambda', async () => new LambdaBackend({ functionName: sandbox().env.STOCKRISK_LAMBDA_FUNCTION as string }));
