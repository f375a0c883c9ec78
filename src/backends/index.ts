// The compute backends by name. Each entry imports its backend only when chosen, so the
// AWS SDK and worker threads load only for the runs that use them. A backend's options are
// its own (local: LocalBackendOptions; lambda/ec2: CloudBackendOptions).
import { UsageError } from '../core/errors.js';
import type { ComputeBackend } from '../ports.js';
import type { CloudBackendOptions } from './cloud-options.js';
import type { LocalBackendOptions } from './local/index.js';

type BackendFactory = (options: object) => Promise<ComputeBackend>;

const factories: Record<string, BackendFactory> = {
  local: async (options) => (await import('./local/index.js')).createLocalBackend(options as LocalBackendOptions),
  lambda: async (options) => (await import('./lambda/index.js')).createLambdaBackend(options as CloudBackendOptions),
  ec2: async (options) => (await import('./ec2/index.js')).createEc2Backend(options as CloudBackendOptions),
};

export const backendNames: readonly string[] = Object.keys(factories);

export function isBackendName(name: string): boolean {
  return Object.hasOwn(factories, name);
}

/** Throws UsageError for an unknown name, listing the known ones. */
export function checkBackendName(name: string): void {
  if (!isBackendName(name)) throw new UsageError(`unknown backend "${name}"`, { hint: `backends: ${backendNames.join(', ')}` });
}

export async function createBackend(name: string, options: object = {}): Promise<ComputeBackend> {
  checkBackendName(name);
  return (factories[name] as BackendFactory)(options);
}
