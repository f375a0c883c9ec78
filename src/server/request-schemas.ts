// Every value a request can carry, validated with zod before anything else sees it. Query
// strings arrive as text, so numbers are parsed strictly ("20abc" and "2.5" are refused).
import { z } from 'zod';
import { UsageError } from '../core/errors.js';

const integerText = (name: string) =>
  z
    .string()
    .regex(/^\d{1,12}$/, `${name} must be a whole number`)
    .transform(Number);

const isoDate = (name: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${name} must be a date YYYY-MM-DD`);

/** Tickers name data files, so they are held to the data layer's characters before lookup. */
export const tickerParam = z
  .string()
  .min(1, 'is empty')
  .max(20, 'is longer than 20 characters')
  .regex(/^[A-Za-z0-9^][A-Za-z0-9.^=_-]*$/, 'may hold only letters, digits and . ^ = _ - (starting with a letter, digit or ^)')
  .refine((t) => !t.includes('..'), 'may not contain ..');

export const signalsQuery = z
  .object({
    window: integerText('window').pipe(z.number().int().min(2, 'window must be at least 2').max(100_000, 'window is too large')).optional(),
    price: z.enum(['adjclose', 'close'], { error: 'price must be adjclose or close' }).optional(),
    strategy: z.enum(['long', 'longshort'], { error: 'strategy must be long or longshort' }).optional(),
    from: isoDate('from').optional(),
    to: isoDate('to').optional(),
    shares: integerText('shares').pipe(z.number().int().min(1, 'shares must be at least 1').max(1_000_000_000, 'shares is too large')).optional(),
  })
  .strict();

export type SignalsQuery = z.infer<typeof signalsQuery>;

/** Parse or throw a UsageError naming the first bad field, which the API answers with 400. */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue === undefined) throw new UsageError(`invalid ${what}`);
  if (issue.code === 'unrecognized_keys') throw new UsageError(`invalid ${what}: unknown field ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`);
  // A bare value (a ticker) is quoted back; the client shows it as text, never as HTML.
  if (issue.path.length === 0) throw new UsageError(`invalid ${what} ${JSON.stringify(value)}: ${issue.message}`);
  const field = issue.path.join('.');
  const message = issue.message.startsWith(String(issue.path.at(-1))) ? issue.message : `${field}: ${issue.message}`;
  throw new UsageError(`invalid ${what}: ${message}`);
}
