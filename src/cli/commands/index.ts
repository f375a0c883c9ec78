// Every command registers itself here, one line each. Command modules stay light at
// import time; they import heavy dependencies inside their actions.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerBacktest } from './backtest.js';
import { registerCompanies } from './companies.js';
import { registerCompare } from './compare.js';
import { registerData } from './data.js';
import { registerDeploy } from './deploy.js';
import { registerHistory } from './history.js';
import { registerServe } from './serve.js';
import { registerShow } from './show.js';
import { registerSignals } from './signals.js';
import { registerVar } from './var.js';

export function registerCommands(program: Command, ctx: CliContext): void {
  registerCompanies(program, ctx);
  registerSignals(program, ctx);
  registerData(program, ctx);
  registerServe(program, ctx);
  registerDeploy(program, ctx);
  registerCompare(program, ctx);
  registerVar(program, ctx);
  registerHistory(program, ctx);
  registerShow(program, ctx);
  registerBacktest(program, ctx);
}
