// @bio/cli is mainly its `bio` binary (dist/bin.js). The one export runs the same command line
// in-process, for scripts and tests that want the exit code and the output without a child process.
export { runCli as run } from './program.js';
export type { CliIO } from './context.js';
