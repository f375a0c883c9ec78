// Entry point of the CLI: builds the commander program, runs it, and turns whatever
// escapes into one `error:` line and an exit code. Heavy modules (AWS SDK, server,
// prompts) are imported by the commands that use them, so `--version` stays fast.
import { CommanderError } from 'commander';
import { type CliContext, processContext } from './context.js';
import { reportFailure, toFailure } from './failure.js';
import { buildProgram } from './program.js';

export async function main(argv: readonly string[], ctx?: CliContext): Promise<number> {
  const aborter = new AbortController();
  const context = ctx ?? processContext(aborter.signal);
  const stopSignals = ctx === undefined ? trapInterrupts(aborter) : () => {};
  if (ctx === undefined) exitQuietlyOnClosedPipe();
  const json = argv.includes('--json');
  try {
    if (argv.length === 0) {
      if (!context.interactive) {
        buildProgram(context).outputHelp();
        return 0;
      }
      const { chooseCommand } = await import('./interactive.js');
      const chosen = await chooseCommand(context);
      if (chosen === undefined) return 0;
      return await main(chosen, context);
    }
    await buildProgram(context).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (help, version, or `error: ...`).
      if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      if (json) context.stdout.write(`${JSON.stringify({ error: { code: 'usage', message: error.message.replace(/^error: /, '') } })}\n`);
      return 2;
    }
    if (isPromptExit(error)) return 130;
    return reportFailure(context, toFailure(error), json);
  } finally {
    stopSignals();
  }
}

/** First Ctrl-C / SIGTERM aborts the run so it can clean up; a second one exits at once. */
function trapInterrupts(aborter: AbortController): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    if (aborter.signal.aborted) process.exit(130);
    process.stderr.write(`\n${signal === 'SIGINT' ? 'interrupted' : 'terminated'}: stopping and cleaning up (again to force)\n`);
    aborter.abort(new Error(signal));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/** `stockrisk signals X | head` closes stdout early: that is not an error. */
function exitQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

function isPromptExit(error: unknown): boolean {
  return error instanceof Error && error.name === 'ExitPromptError';
}
