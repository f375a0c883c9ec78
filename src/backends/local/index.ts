import { LocalBackend, type LocalBackendOptions } from './local-backend.js';

export type { LocalBackendOptions };

export function createLocalBackend(options: LocalBackendOptions = {}): LocalBackend {
  return new LocalBackend(options);
}
