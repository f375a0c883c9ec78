// `stockrisk serve`: the web dashboard. The server modules load only when this command runs.
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { Settings } from '../../settings.js';
import type { CliContext } from '../context.js';
import { globalSettings } from './global-options.js';

const DEFAULT_PORT = 8081;

interface ServeFlags {
  readonly port?: string;
  readonly host: string;
  readonly open?: boolean;
  readonly token?: string;
}

export function registerServe(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('start the web dashboard: charts, signal tables, VaR runs, history and costs')
    .option('--port <port>', `port to listen on; 0 picks a free one (env PORT, default ${DEFAULT_PORT})`)
    .option('--host <address>', 'address to bind; anything but loopback needs a token', '127.0.0.1')
    .option('--open', 'open the dashboard in the default browser')
    .option('--token <token>', 'token the API requires (env STOCKRISK_TOKEN); generated when binding a non-loopback address without one')
    .addHelpText(
      'after',
      `
Examples:
  $ stockrisk serve --open
  $ stockrisk serve --port 0
  $ STOCKRISK_TOKEN=s3cret stockrisk serve --host 0.0.0.0 --port 8080`,
    )
    .action(async (_options: unknown, command: Command) => {
      await serve(ctx, command.opts<ServeFlags>(), globalSettings(ctx, command));
    });
}

async function serve(ctx: CliContext, flags: ServeFlags, settings: Settings): Promise<void> {
  const port = parsePort(flags.port ?? nonEmpty(ctx.env.PORT) ?? String(DEFAULT_PORT));
  const host = flags.host;
  const loopback = isLoopback(host);
  let token = flags.token ?? nonEmpty(ctx.env.STOCKRISK_TOKEN);
  if (token !== undefined && token.length < 8) throw new UsageError('--token must be at least 8 characters');
  const generated = token === undefined && !loopback;
  if (generated) token = randomBytes(24).toString('base64url');

  const [{ createApp }, { defaultDeps }, { listen }] = await Promise.all([
    import('../../server/app.js'),
    import('../../server/default-deps.js'),
    import('../../server/listen.js'),
  ]);
  const dashboard = createApp(
    defaultDeps(settings, { token, loopbackOnly: loopback && token === undefined, env: ctx.env, log: (line) => ctx.stderr.write(`${line}\n`) }),
  );
  const server = await listen(dashboard.app, host, port);

  // Wildcard addresses are not browsable; show the loopback URL for this machine.
  const browseUrl = host === '0.0.0.0' || host === '::' ? `http://127.0.0.1:${server.port}/` : `${server.url}/`;
  // The page takes the token from the URL's fragment, which never reaches the server.
  const tokenUrl = token === undefined ? browseUrl : `${browseUrl}#token=${encodeURIComponent(token)}`;
  const openUrl = generated ? tokenUrl : browseUrl;
  const lines = [`stockrisk dashboard listening on ${server.url}/`, `open ${openUrl}`];
  if (generated) lines.push('a token was generated for this run (shown once above); the API needs it');
  else if (token !== undefined) lines.push('the API needs the token given by --token / STOCKRISK_TOKEN (open the URL with #token=<token>)');
  lines.push('press Ctrl-C to stop');
  ctx.stdout.write(`${lines.join('\n')}\n`);

  if (flags.open === true) {
    const { default: open } = await import('open');
    await open(tokenUrl);
  }
  await new Promise<void>((resolve) => {
    if (ctx.signal.aborted) resolve();
    else ctx.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  // Jobs first: a cloud run stops the instances it started before the process ends.
  await dashboard.close();
  await server.close();
}

function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port must be a whole number from 0 to 65535, got ${JSON.stringify(text)}`);
  return port;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
