// Every command registers itself here, one line each. Command modules stay light at
// import time; they import heavy dependencies inside their actions.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerCompanies } from './companies.js';
import { registerData } from './data.js';
import { registerDeploy } from './deploy.js';
import { registerServe } from './serve.js';
import { registerSignals } from './signals.js';

export function registerCommands(program: Command, ctx: CliContext): void {
  registerCompanies(program, ctx);
  registerSignals(program, ctx);
  registerData(program, ctx);
  registerServe(program, ctx);
  registerDeploy(program, ctx);
}
