#!/usr/bin/env node
// The `churnkit` command: runs runCli from the built package (dist/node) and exits with its code.
import { runCli } from '../dist/node/index.js';

// A reader that stops early (`churnkit analyze ... | head -1`) closes the pipe: stop quietly,
// as other command-line tools do, instead of dying with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

process.exitCode = await runCli(process.argv.slice(2));
