import { UsageError } from '../core/errors.js';
import { listCompanies } from '../data/companies.js';
import type { Settings } from '../settings.js';
import type { CliContext } from './context.js';

/**
 * The ticker a command was not given: asked for on a terminal (a list of the companies
 * with usable data), a UsageError with an example otherwise.
 */
export async function chooseCompany(ctx: CliContext, settings: Settings, example: string): Promise<string> {
  if (!ctx.interactive) throw new UsageError('missing ticker', { hint: `e.g. ${example} (see stockrisk companies)` });
  const { select } = await import('@inquirer/prompts');
  const companies = (await listCompanies(settings)).filter((c) => c.source !== null && c.problem === null);
  if (companies.length === 0) throw new UsageError('no company has data yet', { hint: 'see stockrisk companies' });
  return select({
    message: 'Company',
    choices: companies.map((c) => ({ name: `${c.ticker.padEnd(8)} ${c.name.padEnd(8)} ${c.first} to ${c.last}`, value: c.ticker })),
  });
}
