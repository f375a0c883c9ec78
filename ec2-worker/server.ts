// The EC2 worker process: `node server.js` on an instance (systemd unit from
// `stockrisk deploy ec2`). Configuration from the environment:
//   STOCKRISK_WORKER_TOKEN   bearer token clients must send (required)
//   STOCKRISK_WORKER_PORT    default 8787 (0 picks a free port; the sandbox uses that)
//   STOCKRISK_WORKER_HOST    default 0.0.0.0
//   STOCKRISK_WORKER_THREADS default: every core
// Prints `listening on http://HOST:PORT` once ready; stops cleanly on SIGTERM.
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';
import { parseShardTask } from '../src/core/shard/protocol.js';
import { workerApp } from './app.js';
import { ShardPool } from './shard-pool.js';

const token = process.env.STOCKRISK_WORKER_TOKEN ?? '';
if (token === '') {
  process.stderr.write('error: STOCKRISK_WORKER_TOKEN is not set\n');
  process.exit(2);
}
const threads = Number(process.env.STOCKRISK_WORKER_THREADS ?? availableParallelism());
const port = Number(process.env.STOCKRISK_WORKER_PORT ?? 8787);
const host = process.env.STOCKRISK_WORKER_HOST ?? '0.0.0.0';

const pool = new ShardPool(Math.max(1, threads));
const server = createServer(workerApp({ token, threads: pool.size, runShard: async (task) => pool.run(parseShardTask(task)), busy: () => pool.busy }));
server.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  process.stdout.write(`listening on http://${host}:${actualPort} with ${pool.size} threads\n`);
});

const shutdown = (): void => {
  server.close();
  void pool.close().then(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
