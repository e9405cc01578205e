#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { runCli } from './program.js';

// `bio … | head`: a closed pipe ends the command quietly, as in other Unix tools.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
process.exitCode = await runCli(process.argv.slice(2), undefined, version);
