import type { Command } from 'commander';
import type { Settings } from '../../settings.js';
import type { CliContext } from '../context.js';

/** Settings with the program-wide flags (--data-dir, --bucket) applied. */
export function globalSettings(ctx: CliContext, command: Command): Settings {
  const globals = command.optsWithGlobals<{ dataDir?: string; bucket?: string }>();
  return ctx.settings({ dataDir: globals.dataDir, bucket: globals.bucket });
}
