// The EC2 backend against the backend contract, through the real SDK client and the
// sandbox's EC2 API, whose instances run our real worker bundle.
import { afterAll, expect } from 'vitest';
import { Ec2Backend } from '../../src/backends/ec2/ec2-backend.js';
import { ec2ConfigFrom } from '../../src/backends/ec2/ec2-config.js';
import { eventually, useSandbox, useSandboxEnv } from '../cloud/sandbox-fixture.js';
import { describeBackendContract } from './contract.js';

const sandbox = useSandbox();
useSandboxEnv(sandbox);

describeBackendContract(
  'ec2',
  async () => new Ec2Backend({ query: {}, config: ec2ConfigFrom({ ec2: { pollSeconds: 1, startTimeoutSeconds: 5, healthTimeoutSeconds: 5 } }, process.env) }),
);

// Registered after the contract's own afterAll (which closes its backends), so this runs once they are closed.
afterAll(async () => {
  await eventually(() => sandbox().instanceIds.every((id) => sandbox().ec2.state(id) === 'stopped'));
  expect(sandbox().instanceIds.map((id) => sandbox().ec2.state(id))).toEqual(['stopped', 'stopped']);
});
