// Option values as text (from the command line or a dashboard request), parsed strictly,
// with messages that name the option.
import { UsageError } from '../core/errors.js';

/** Parse an integer option strictly (commander hands strings). */
export function parseIntegerOption(name: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const trimmed = text.trim();
  if (!/^[+-]?\d+$/.test(trimmed.replace(/_/g, ''))) throw new UsageError(`${name} must be an integer, got ${JSON.stringify(text)}`);
  const value = Number(trimmed.replace(/_/g, ''));
  if (value < min || value > max) throw new UsageError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** YYYY-MM-DD, a real calendar date. */
export function parseDateOption(name: string, text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const date = match === null ? undefined : new Date(`${text.trim()}T00:00:00Z`);
  if (match === null || date === undefined || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text.trim()) {
    throw new UsageError(`${name} must be a date YYYY-MM-DD, got ${JSON.stringify(text)}`);
  }
  return text.trim();
}
