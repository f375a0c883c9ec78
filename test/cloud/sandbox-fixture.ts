// One sandbox (S3, Lambda, EC2 on 127.0.0.1) per test file, with its faults reset
// before every test. The sandbox runs the built bundles, so `npm run build` comes first.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/sandbox.js';

export function useSandbox(options: SandboxOptions = {}): () => Sandbox {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox(options);
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  beforeEach(() => {
    if (sandbox === undefined) return;
    Object.assign(sandbox.lambda.faults, { failNext: 0, throttleNext: 0, slowNext: 0, slowMs: 0 });
    Object.assign(sandbox.ec2.faults, { neverRunning: false, killWorkerOnNextShards: 0 });
  });
  return () => {
    if (sandbox === undefined) throw new Error('the sandbox did not start');
    return sandbox;
  };
}

/** Sets the sandbox's environment on this process (for SDK clients made in-process). */
export function useSandboxEnv(sandbox: () => Sandbox): void {
  const saved = new Map<string, string | undefined>();
  beforeAll(() => {
    for (const [name, value] of Object.entries(sandbox().env)) {
      saved.set(name, process.env[name]);
      process.env[name] = value;
    }
  });
  afterAll(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
}

/** Polls until `check` holds (instances stop asynchronously), failing after `ms`. */
export async function eventually(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
