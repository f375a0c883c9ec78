#!/usr/bin/env node
// Kept tiny so `stockrisk --version` starts fast: everything lives in dist/src/cli.
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
