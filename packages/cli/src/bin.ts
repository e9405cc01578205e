#!/usr/bin/env node
import { runCli } from './program.js';

// `bio … | head`: a closed pipe ends the command quietly, as in other Unix tools.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2));
