#!/usr/bin/env node
// The `churnkit` command: runs runCli from the built package (dist/node) and exits with its code.
import { runCli } from '../dist/node/index.js';

process.exitCode = await runCli(process.argv.slice(2));
