// "Libraries print nothing, ever": every client test file runs with this setup, which records
// any write to stdout/stderr, any console call and any process warning (such as
// MaxListenersExceededWarning) made while a test runs, and fails that test with what was printed.
// Tests that exercise printing on purpose (the CLI) run their own processes and are not covered.
import { afterAll, afterEach, beforeEach, expect } from 'vitest';

const printed: string[] = [];
let current = '';

function record(channel: string, args: unknown[]): void {
  const text = args.map((a) => (typeof a === 'string' ? a : a instanceof Uint8Array ? new TextDecoder().decode(a) : String(a))).join(' ');
  printed.push(`${channel}${current ? ` (during "${current}")` : ''}: ${text.slice(0, 300)}`);
}

for (const stream of ['stdout', 'stderr'] as const) {
  const original = process[stream].write.bind(process[stream]);
  process[stream].write = ((chunk: unknown, ...rest: unknown[]) => {
    record(stream, [chunk]);
    return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
}
for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    record(`console.${method}`, args);
    original(...args);
  };
}
process.on('warning', (warning) => record('process warning', [`${warning.name}: ${warning.message}`]));

beforeEach((context) => {
  current = context.task.name;
  printed.length = 0;
});

afterEach(async () => {
  // Warnings are emitted on a later tick than the code that caused them.
  await new Promise((resolve) => setImmediate(resolve));
  current = '';
  const seen = printed.splice(0);
  expect(seen, 'a library printed something (libraries print nothing, ever)').toEqual([]);
});

afterAll(() => {
  expect(printed, 'something was printed after the last test of this file').toEqual([]);
});
