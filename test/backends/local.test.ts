// The local worker_threads backend against the backend contract. Worker threads load the
// built worker script, so this runs against dist/ (npm run build first).
import type { ComputeBackend } from '../../src/ports.js';
import { describeBackendContract } from './contract.js';

const { createBackend } = (await import('../../dist/src/backends/index.js' as string)) as {
  createBackend(name: string, options?: object): Promise<ComputeBackend>;
};

describeBackendContract('local', () => createBackend('local', { threads: 2 }));
