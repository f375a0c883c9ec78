// The menu shown when `stockrisk` runs with no arguments on a terminal. It only builds
// an argument list; the chosen command then runs exactly as if it had been typed.
import { input, select } from '@inquirer/prompts';
import { chooseCompany } from './choose-company.js';
import type { CliContext } from './context.js';

export async function chooseCommand(ctx: CliContext): Promise<string[] | undefined> {
  const action = await select({
    message: 'What do you want to do?',
    choices: [
      { name: 'Signals: moving-average crossovers with P/L', value: 'signals' },
      { name: 'Value at Risk at a signal date', value: 'var' },
      { name: 'List companies and their data', value: 'companies' },
      { name: 'Start the web dashboard', value: 'serve' },
      { name: 'Quit', value: 'quit' },
    ],
  });
  if (action === 'quit') return undefined;
  if (action === 'companies') return ['companies'];
  if (action === 'serve') return ['serve', '--open'];
  const ticker = await chooseCompany(ctx, ctx.settings(), 'stockrisk signals SPX');
  const window = await input({
    message: 'Moving-average window (days)',
    default: '20',
    validate: (text) => (/^\d+$/.test(text.trim()) && Number(text) >= 2 ? true : 'an integer of 2 or more'),
  });
  // `var` asks for the signal date itself when --date is missing.
  return action === 'signals' ? ['signals', ticker, '--window', window.trim()] : ['var', ticker, '--window', window.trim()];
}
