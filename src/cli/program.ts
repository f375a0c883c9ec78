import { Command } from 'commander';
import { packageVersion } from '../version.js';
import { registerCommands } from './commands/index.js';
import type { CliContext } from './context.js';

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('stockrisk')
    .description('Moving-average signals, their P/L, and Value at Risk at any signal, locally or on AWS Lambda/EC2.')
    .version(packageVersion(), '-V, --version')
    .option('--data-dir <dir>', 'extra folder of Yahoo-format CSVs, searched first (env STOCKRISK_DATA_DIR)')
    .option('--bucket <name>', 'S3 bucket for data and results (env STOCKRISK_BUCKET)')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
    })
    .exitOverride();
  program.addHelpText(
    'after',
    `
Examples:
  $ stockrisk companies
  $ stockrisk signals SPX --window 20
  $ stockrisk var AMZN --date 2020-03-23 -r 4 --seed 7
  $ stockrisk serve --open

Run with no arguments on a terminal for an interactive menu.`,
  );
  registerCommands(program, ctx);
  // Sub-commands inherit exitOverride and output settings only when set before they are added,
  // so apply them again to everything registered.
  for (const command of allCommands(program)) {
    command.exitOverride().configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
    });
  }
  return program;
}

function* allCommands(command: Command): Generator<Command> {
  for (const child of command.commands) {
    yield child;
    yield* allCommands(child);
  }
}
