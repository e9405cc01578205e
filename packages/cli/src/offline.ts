// `--offline`: answer every request from the clients' recorded fixtures (their `testing`
// exports) through msw, so the CLI can be tried with no network. Loaded only when asked for.

/**
 * Something that can be closed once the command finishes.
 *
 * @example
 * ```ts
 * const offline: OfflineServer = await startOffline();
 * offline.close();
 * ```
 */
export interface OfflineServer {
  close(): void;
}

/**
 * Start intercepting requests with every client's fixture handlers; a request no fixture
 * matches fails with an `UnmatchedRequestError` (reported by `describeError` in one line).
 * msw's own console report of that failure is kept off the terminal while offline.
 *
 * @example
 * ```ts
 * const offline = await startOffline();
 * try {
 *   await new MyGene().gene('1017', { fields: ['symbol', 'name'] }); // from fixtures/gene-1017.json
 * } finally {
 *   offline.close();
 * }
 * ```
 */
export async function startOffline(): Promise<OfflineServer> {
  const [{ setupServer }, mygene, intermine, idr, molgenis] = await Promise.all([
    import('msw/node'),
    import('@bio/mygene/testing'),
    import('@bio/intermine/testing'),
    import('@bio/idr/testing'),
    import('@bio/molgenis/testing'),
  ]);
  const server = setupServer(...mygene.handlers(), ...intermine.handlers(), ...idr.handlers(), ...molgenis.handlers());
  const consoleError = console.error;
  console.error = (...args: unknown[]) => {
    const first = args[0];
    if (typeof first === 'string' && first.includes('[MSW]')) return;
    if (first instanceof Error && first.name === 'UnmatchedRequestError') return;
    consoleError(...args);
  };
  server.listen({
    onUnhandledRequest(request) {
      throw new Error(`--offline has no recorded response for ${request.method} ${request.url}`);
    },
  });
  return {
    close: () => {
      server.close();
      console.error = consoleError;
    },
  };
}
