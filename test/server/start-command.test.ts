// `stockrisk serve` as the real built binary, started the way app.yaml and the Dockerfile
// start it: `serve --host 0.0.0.0` on $PORT with a token from the environment. We connect
// only through 127.0.0.1.
import { describe, expect, it } from 'vitest';
import { startServe } from '../browser/serve-process.js';
import { runCli } from '../helpers/cli.js';
import { sharedDataDir, tempDir } from '../helpers/paths.js';

function loopbackUrl(url: string): string {
  const port = new URL(url).port;
  return `http://127.0.0.1:${port}`;
}

describe('stockrisk serve', () => {
  it('starts like App Engine and Docker do (PORT and STOCKRISK_TOKEN from the environment) and needs the token', async () => {
    const server = await startServe(['--host', '0.0.0.0'], {
      PORT: '0',
      STOCKRISK_TOKEN: 'test-token-0123456789',
      STOCKRISK_HOME: tempDir(),
      STOCKRISK_DATA_DIR: sharedDataDir,
    });
    try {
      expect(server.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
      expect(server.output()).not.toContain('test-token-0123456789');
      const base = loopbackUrl(server.url);
      const withToken = await fetch(`${base}/api/companies`, { headers: { Authorization: 'Bearer test-token-0123456789' } });
      expect(withToken.status).toBe(200);
      expect(((await withToken.json()) as { ticker: string }[]).map((c) => c.ticker)).toContain('AMZN');
      expect((await fetch(`${base}/api/companies`)).status).toBe(401);
      expect((await fetch(`${base}/`)).status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('generates a token, printed once, when binding beyond loopback without one', async () => {
    const server = await startServe(['--host', '0.0.0.0', '--port', '0'], { STOCKRISK_HOME: tempDir(), STOCKRISK_DATA_DIR: sharedDataDir });
    try {
      const token = /#token=([A-Za-z0-9_-]+)/.exec(server.output())?.[1];
      expect(token).toBeDefined();
      expect(server.output().split(token as string)).toHaveLength(2);
      const base = loopbackUrl(server.url);
      expect((await fetch(`${base}/api/companies`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
      expect((await fetch(`${base}/api/companies`)).status).toBe(401);
    } finally {
      await server.stop();
    }
  });

  it('serves on loopback without a token by default', async () => {
    const server = await startServe(['--port', '0'], { STOCKRISK_HOME: tempDir(), STOCKRISK_DATA_DIR: sharedDataDir });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.output()).not.toContain('token=');
      expect((await fetch(`${server.url}/api/companies`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('says so when the port is taken (exit 2)', async () => {
    const first = await startServe(['--port', '0'], { STOCKRISK_HOME: tempDir(), STOCKRISK_DATA_DIR: sharedDataDir });
    try {
      const port = new URL(first.url).port;
      const second = await runCli(['serve', '--port', port], { STOCKRISK_HOME: tempDir() });
      expect(second.code).toBe(2);
      expect(second.stderr).toContain(`error: port ${port} on 127.0.0.1 is already in use`);
    } finally {
      await first.stop();
    }
  });

  it.each([
    [['--port', 'eighty'], '--port must be a whole number from 0 to 65535'],
    [['--port', '70000'], '--port must be a whole number from 0 to 65535'],
    [['--token', 'short'], '--token must be at least 8 characters'],
  ])('refuses serve %j with exit 2', async (args, message) => {
    const run = await runCli(['serve', ...args], { STOCKRISK_HOME: tempDir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`error: ${message}`);
  });
});
