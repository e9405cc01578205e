// `--offline`: answer every request from the clients' simulators (their `testing` exports:
// stateful in-memory services with built-in data) through msw, at each client's default base
// URL, so any reasonable command works with no network. Loaded only when asked for.

import { HUMANMINE_URL } from './mines.js';

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
 * Where the second InterMine simulator answers offline: HumanMine, holding only
 * {@link OFFLINE_HUMANMINE_SEED} (its built-in fly data is there too, as in every InterMine
 * simulator, but `gene-context` asks for human genes only).
 *
 * @example
 * ```ts
 * new InterMine({ baseUrl: OFFLINE_HUMANMINE_BASE_URL });
 * ```
 */
export const OFFLINE_HUMANMINE_BASE_URL = HUMANMINE_URL;

/**
 * Genes added to the MyGene.info simulator offline so `bio gene-context CDC20 eve --offline` joins
 * real rows: the human gene IDR's simulator has images of, and a fly gene FlyMine's has pathways of.
 *
 * @example
 * ```ts
 * OFFLINE_MYGENE_SEED.genes[0].symbol; // 'CDC20'
 * ```
 */
export const OFFLINE_MYGENE_SEED = {
  genes: [
    { _id: '991', symbol: 'CDC20', name: 'cell division cycle 20', taxid: 9606, entrezgene: 991, ensembl: { gene: 'ENSG00000117399' } },
    { _id: '36039', symbol: 'eve', name: 'even skipped', taxid: 7227, entrezgene: 36039, ensembl: { gene: 'FBgn0000606' } },
  ],
} as const;

/**
 * The offline HumanMine's data: CDC20 and two of its Reactome pathways (identifiers and names as
 * in Reactome).
 *
 * @example
 * ```ts
 * OFFLINE_HUMANMINE_SEED.genes[0].pathways; // ['R-HSA-174178', 'R-HSA-141430']
 * ```
 */
export const OFFLINE_HUMANMINE_SEED = {
  pathways: [
    { identifier: 'R-HSA-174178', name: 'APC/C:Cdh1 mediated degradation of Cdc20 and other APC/C:Cdh1 targeted proteins in late mitosis/early G1' },
    { identifier: 'R-HSA-141430', name: 'Inactivation of APC/C via direct inhibition of the APC/C complex' },
  ],
  genes: [
    {
      primaryIdentifier: '991',
      symbol: 'CDC20',
      name: 'cell division cycle 20',
      organism: 'H. sapiens',
      pathways: ['R-HSA-174178', 'R-HSA-141430'],
    },
  ],
} as const;

/**
 * Rows of the EMX2 simulator's `synthetic` schema offline (its default, 25,000, would be built on
 * every run).
 *
 * @example
 * ```ts
 * OFFLINE_EMX2_SYNTHETIC_ROWS; // 1000
 * ```
 */
export const OFFLINE_EMX2_SYNTHETIC_ROWS = 1000;

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
  readonly tokens: { readonly molgenis?: string | undefined; readonly emx2?: string | undefined };
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
  /** Sign in to the MOLGENIS EMX2 simulator as its `admin` and make a token. Default `false`. */
  emx2Login?: boolean | undefined;
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
 * Start answering requests with the simulators of MyGene.info (`https://mygene.info/v3`, plus
 * {@link OFFLINE_MYGENE_SEED}), InterMine (FlyMine, `https://www.flymine.org/flymine/service`, and
 * HumanMine, {@link OFFLINE_HUMANMINE_BASE_URL}), IDR
 * (`https://idr.openmicroscopy.org`), MOLGENIS (`https://molgenis.example.org`) and MOLGENIS EMX2
 * (`https://emx2.example.org`: the pet store, and a `synthetic` schema of {@link OFFLINE_EMX2_SYNTHETIC_ROWS} rows). A request to
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
  const [{ http }, { setupServer }, mygene, intermine, idr, molgenis, { Molgenis }, { Emx2 }] = await Promise.all([
    import('msw'),
    import('msw/node'),
    import('@bio/mygene/testing'),
    import('@bio/intermine/testing'),
    import('@bio/idr/testing'),
    import('@bio/molgenis/testing'),
    import('@bio/molgenis'),
    import('@bio/molgenis/emx2'),
  ]);
  const molgenisSim = molgenis.createSimulator();
  const emx2Sim = molgenis.createEmx2Simulator({ syntheticRows: OFFLINE_EMX2_SYNTHETIC_ROWS, taskPolls: 0 });
  const server = setupServer(
    ...mygene.createSimulator({ seed: { genes: OFFLINE_MYGENE_SEED.genes.map((g) => ({ ...g })) } }).handlers(),
    ...intermine.createSimulator().handlers(),
    ...intermine
      .createSimulator({
        baseUrl: `${OFFLINE_HUMANMINE_BASE_URL}/service`,
        seed: {
          pathways: OFFLINE_HUMANMINE_SEED.pathways.map((p) => ({ ...p })),
          genes: OFFLINE_HUMANMINE_SEED.genes.map((g) => ({ ...g, pathways: [...g.pathways] })),
        },
      })
      .handlers(),
    ...idr.createSimulator().handlers(),
    ...molgenisSim.handlers(),
    ...emx2Sim.handlers(),
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
  let emx2Token: string | undefined;
  if (options.emx2Login) {
    try {
      const user = emx2Sim.users[OFFLINE_MOLGENIS_USER];
      const emx2 = new Emx2({ baseUrl: emx2Sim.baseUrl, retry: 0 });
      if (user) {
        await emx2.signin(OFFLINE_MOLGENIS_USER, user.password);
        emx2Token = await emx2.createToken('bio-offline');
      }
    } catch (error) {
      close();
      throw error;
    }
  }
  return { tokens: { molgenis: token, emx2: emx2Token }, close };
}
