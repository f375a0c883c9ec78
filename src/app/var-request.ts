// The inputs of one VaR run as text (the var command's flags, or a dashboard request
// turned into the same flags), parsed strictly into the settings runVar takes. Every
// check here happens before any data is loaded or any backend started.
import { availableParallelism } from 'node:os';
import { UsageError } from '../core/errors.js';
import type { PriceField } from '../core/prices.js';
import { type ConfidenceLevel, parseConfidenceLevels } from '../core/quantile.js';
import { MAX_SEED } from '../core/rng/stream.js';
import { MAX_RESOURCES, MAX_SIMS } from '../core/shard/limits.js';
import type { Position } from '../core/shard/protocol.js';
import { VAR_METHODS, type VarMethod } from '../core/var/types.js';
import { parseIntegerOption } from './option-values.js';
import type { VarRequest } from './var-run.js';

export const DEFAULT_HISTORY = 100;
export const DEFAULT_SIMS = 1_000_000;
export const DEFAULT_CONFIDENCE = '95,99';
export const DEFAULT_METHODS = 'mc,historical,parametric';

/** The flags as commander hands them over (strings). */
export interface VarFlags {
  date?: string;
  window: string;
  history: string;
  sims: string;
  backend: string;
  resources?: string;
  concurrency?: string;
  confidence: string;
  method: string;
  position?: string;
  shares: string;
  seed?: string;
  price?: string;
  json?: boolean;
}

export interface VarSettings {
  readonly window: number;
  readonly history: number;
  readonly sims: number;
  readonly resources: number;
  readonly concurrency: number | undefined;
  readonly backend: string;
  readonly levels: readonly ConfidenceLevel[];
  readonly methods: readonly VarMethod[];
  readonly position: Position | undefined;
  readonly shares: number;
  /** undefined: choose one at random (and print it). */
  readonly seed: number | undefined;
  readonly price: PriceField | undefined;
}

export function parseVarFlags(flags: VarFlags): VarSettings {
  const sims = parseCount('--sims', flags.sims, 1, MAX_SIMS);
  const resources = flags.resources === undefined ? Math.min(availableParallelism(), sims) : parseIntegerOption('-r', flags.resources, 1);
  if (resources > sims) throw new UsageError(`-r ${resources} is more than --sims ${sims}`, { hint: 'each shard needs at least one draw' });
  if (resources > MAX_RESOURCES) throw new UsageError(`-r must be at most ${MAX_RESOURCES}, got ${resources}`);
  return {
    window: parseIntegerOption('--window', flags.window, 2),
    history: parseIntegerOption('--history', flags.history, 2),
    sims,
    resources,
    concurrency: flags.concurrency === undefined ? undefined : parseIntegerOption('--concurrency', flags.concurrency, 1),
    backend: flags.backend,
    levels: parseConfidenceLevels(flags.confidence),
    methods: parseMethods(flags.method),
    position: parsePosition(flags.position),
    shares: parseIntegerOption('--shares', flags.shares, 1),
    seed: flags.seed === undefined ? undefined : parseIntegerOption('--seed', flags.seed, 0, MAX_SEED),
    price: parsePrice(flags.price),
  };
}

/** A whole number, also written as 1e6 or 1_000_000. */
export function parseCount(name: string, text: string, min: number, max: number): number {
  const cleaned = text.trim().replace(/_/g, '');
  const value = /^\d+(\.\d+)?e\d+$/i.test(cleaned) || /^\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN;
  if (!Number.isSafeInteger(value)) throw new UsageError(`${name} must be a whole number, got ${JSON.stringify(text)}`);
  if (value < min || value > max) throw new UsageError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

export function parseMethods(text: string): VarMethod[] {
  const names = text.split(',').map((name) => name.trim().toLowerCase());
  if (names.length === 1 && names[0] === 'all') return [...VAR_METHODS];
  const methods: VarMethod[] = [];
  for (const name of names) {
    const method = VAR_METHODS.find((m) => m === name);
    if (method === undefined) throw new UsageError(`unknown method "${name}"`, { hint: `methods: ${VAR_METHODS.join(', ')}, or all` });
    if (!methods.includes(method)) methods.push(method);
  }
  return methods;
}

function parsePosition(text: string | undefined): Position | undefined {
  if (text === undefined) return undefined;
  if (text === 'long' || text === 'short') return text;
  throw new UsageError(`--position must be long or short, got ${JSON.stringify(text)}`);
}

function parsePrice(text: string | undefined): PriceField | undefined {
  if (text === undefined) return undefined;
  if (text === 'adjclose' || text === 'close') return text;
  throw new UsageError(`--price must be adjclose or close, got ${JSON.stringify(text)}`);
}

/** A random seed for runs without --seed: a safe integer, printed so the run can be repeated. */
export function randomSeed(random: () => number = Math.random): number {
  return Math.floor(random() * 2 ** 32) * 2 ** 21 + Math.floor(random() * 2 ** 21);
}

/** The request runVar takes for one date, from the parsed settings. */
export function varRequestFor(settings: VarSettings, date: string, seed: number, methods: readonly VarMethod[] = settings.methods): VarRequest {
  return {
    date,
    position: settings.position,
    window: settings.window,
    history: settings.history,
    sims: settings.sims,
    resources: settings.resources,
    levels: settings.levels,
    methods,
    shares: settings.shares,
    seed,
  };
}
