// Where stockrisk keeps things, resolved as the contract says: flags beat environment,
// environment beats the config file ($STOCKRISK_HOME/config.json), which beats defaults.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from './core/errors.js';
import { packageRoot } from './package-root.js';

export interface Settings {
  /** $STOCKRISK_HOME: cache, results, config. */
  readonly home: string;
  /** Extra folder of CSVs searched first (--data-dir / STOCKRISK_DATA_DIR). */
  readonly dataDir: string | undefined;
  /** The bundled data/ folder shipped with the package. */
  readonly bundledDataDir: string;
  /** S3 bucket for data and results (--bucket / STOCKRISK_BUCKET). */
  readonly bucket: string | undefined;
  /** The parsed config file, for adapters that read their own sections (prices, ec2). */
  readonly config: Readonly<Record<string, unknown>>;
}

export interface SettingsFlags {
  readonly dataDir?: string | undefined;
  readonly bucket?: string | undefined;
  readonly home?: string | undefined;
}

export { packageRoot };

export function resolveSettings(flags: SettingsFlags = {}, env: NodeJS.ProcessEnv = process.env): Settings {
  const home = resolve(flags.home ?? nonEmpty(env.STOCKRISK_HOME) ?? join(homedir(), '.stockrisk'));
  const config = readConfig(join(home, 'config.json'));
  const fromConfig = (key: string): string | undefined => {
    const value = config[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const dataDir = flags.dataDir ?? nonEmpty(env.STOCKRISK_DATA_DIR) ?? fromConfig('dataDir');
  return {
    home,
    dataDir: dataDir === undefined ? undefined : resolve(dataDir),
    bundledDataDir: join(packageRoot, 'data'),
    bucket: flags.bucket ?? nonEmpty(env.STOCKRISK_BUCKET) ?? fromConfig('bucket'),
    config,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function readConfig(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {};
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw new UsageError(`config file ${path} is not a JSON object`, { hint: 'fix or remove it' });
}
