// `--offline`: answer every request from the four clients' simulators (their `testing` exports:
// stateful in-memory services with built-in data) through msw, at each client's default base
// URL, so any reasonable command works with no network. Loaded only when asked for.

/**
 * The MOLGENIS simulator's user an offline command logs in as when no token is given (the
 * simulator's documented `admin`/`admin`), so writes such as `molgenis import` work offline.
 *
 * @example
 * ```ts
 * OFFLINE_MOLGENIS_USER; // 'admin'
 * ```
 */
export const OFFLINE_MOLGENIS_USER = 'admin';

/**
 * The running simulators, closed once the command finishes.
 *
 * @example
 * ```ts
 * const offline: OfflineServer = await startOffline({ molgenisLogin: true });
 * offline.tokens.molgenis; // a token of the simulator's `admin`
 * offline.close();
 * ```
 */
export interface OfflineServer {
  /** Tokens offline mode obtained by logging in to a simulator (used when no token is configured). */
  readonly tokens: { readonly molgenis?: string | undefined };
  close(): void;
}

/**
 * Options of {@link startOffline}.
 *
 * @example
 * ```ts
 * await startOffline({ molgenisLogin: true });
 * ```
 */
export interface OfflineOptions {
  /** Log in to the MOLGENIS simulator as {@link OFFLINE_MOLGENIS_USER}. Default `false`. */
  molgenisLogin?: boolean | undefined;
}

/**
 * A request no simulator answers: one outside the simulators' base URLs (another `--root`,
 * `--url` or host). `describeError` reports it in one line.
 *
 * @example
 * ```ts
 * new OfflineUnhandledError('GET https://www.humanmine.org/humanmine/service/version');
 * ```
 */
export class OfflineUnhandledError extends Error {
  override readonly name = 'OfflineUnhandledError';
  // `code` and `errno` make msw fail the request as a network error whose cause is this error
  // (as a refused connection would), rather than answer it with a 500.
  readonly code = 'OFFLINE_UNHANDLED';
  readonly errno = -1;
}

/**
 * Start answering requests with the simulators of MyGene.info (`https://mygene.info/v3`),
 * InterMine (FlyMine, `https://www.flymine.org/flymine/service`), IDR
 * (`https://idr.openmicroscopy.org`) and MOLGENIS (`https://molgenis.example.org`). A request to
 * any other address fails with an {@link OfflineUnhandledError}; msw's own console report of it is
 * kept off the terminal. Each run starts from the simulators' built-in data.
 *
 * @example
 * ```ts
 * const offline = await startOffline();
 * try {
 *   await new MyGene().gene('7157', { fields: ['symbol'] }); // TP53, from the simulator's genes
 * } finally {
 *   offline.close();
 * }
 * ```
 */
export async function startOffline(options: OfflineOptions = {}): Promise<OfflineServer> {
  const [{ http }, { setupServer }, mygene, intermine, idr, molgenis, { Molgenis }] = await Promise.all([
    import('msw'),
    import('msw/node'),
    import('@bio/mygene/testing'),
    import('@bio/intermine/testing'),
    import('@bio/idr/testing'),
    import('@bio/molgenis/testing'),
    import('@bio/molgenis'),
  ]);
  const molgenisSim = molgenis.createSimulator();
  const server = setupServer(
    ...mygene.createSimulator().handlers(),
    ...intermine.createSimulator().handlers(),
    ...idr.createSimulator().handlers(),
    ...molgenisSim.handlers(),
    http.all('*', ({ request }) => {
      throw new OfflineUnhandledError(`${request.method} ${request.url}`);
    }),
  );
  const consoleError = console.error;
  console.error = (...args: unknown[]) => {
    const first = args[0];
    if (typeof first === 'string' && first.includes('[MSW]')) return;
    if (first instanceof Error && first.name === 'OfflineUnhandledError') return;
    consoleError(...args);
  };
  server.listen({
    onUnhandledRequest(request) {
      throw new OfflineUnhandledError(`${request.method} ${request.url}`);
    },
  });
  const close = (): void => {
    server.close();
    console.error = consoleError;
  };
  let token: string | undefined;
  if (options.molgenisLogin) {
    try {
      const user = molgenisSim.users[OFFLINE_MOLGENIS_USER];
      if (user) token = (await new Molgenis({ baseUrl: molgenisSim.baseUrl, retry: 0 }).login(OFFLINE_MOLGENIS_USER, user.password)).token;
    } catch (error) {
      close();
      throw error;
    }
  }
  return { tokens: { molgenis: token }, close };
}
