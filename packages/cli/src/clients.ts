import { Idr } from '@bio/idr';
import { InterMine } from '@bio/intermine';
import { Molgenis } from '@bio/molgenis';
import { Emx2 } from '@bio/molgenis/emx2';
import { MyGene } from '@bio/mygene';
import type { CommandContext } from './context.js';
import { FLYMINE_URL } from './mines.js';

// Where the simulators of `--offline` answer: with --offline every client points there (unless a
// base URL is given on the command line), the clients' default base URLs.
/**
 * FlyMine: the default mine, and where the InterMine simulator answers with `--offline`.
 *
 * @example
 * ```ts
 * new InterMine({ baseUrl: OFFLINE_INTERMINE_BASE_URL });
 * ```
 */
export const OFFLINE_INTERMINE_BASE_URL = FLYMINE_URL;
/**
 * The MOLGENIS simulator's server, used with `--offline` when no `--url` is given.
 *
 * @example
 * ```ts
 * new Molgenis({ baseUrl: OFFLINE_MOLGENIS_BASE_URL });
 * ```
 */
export const OFFLINE_MOLGENIS_BASE_URL = 'https://molgenis.example.org';

/**
 * The services `bio` talks to, and the environment variable that sets each one's base URL.
 *
 * @example
 * ```ts
 * BASE_URL_ENV.mygene; // 'MYGENE_URL'
 * ```
 */
export const BASE_URL_ENV = {
  mygene: 'MYGENE_URL',
  intermine: 'INTERMINE_URL',
  idr: 'IDR_URL',
  molgenis: 'MOLGENIS_URL',
  emx2: 'MOLGENIS_EMX2_URL',
} as const;
type Service = keyof typeof BASE_URL_ENV;

/**
 * A service's base URL: the command line's (`--base-url`, or `--root`/`--url`), else — unless
 * `--offline` — the environment variable, else the config file; `undefined` for the client's default.
 */
function baseUrlFor(ctx: CommandContext, service: Service, flag: string | undefined, configured: readonly (string | undefined)[]): string | undefined {
  if (flag) return flag;
  if (ctx.options.offline) return undefined;
  return ctx.io.env[BASE_URL_ENV[service]] || configured.find((c) => c) || undefined;
}

/** Client options the CLI sets everywhere: no retries offline (nothing to wait for); `--verbose` hooks. */
function common(ctx: CommandContext): { retry?: number | undefined; hooks?: ReturnType<CommandContext['hooks']> } {
  return { retry: ctx.options.offline ? 0 : undefined, hooks: ctx.hooks() };
}

/**
 * The MyGene.info client for a command. `concurrency` (requests in flight, 1–8) is the client's:
 * it bounds every call it makes.
 *
 * @example
 * ```ts
 * const gene = await mygeneClient(ctx).gene('1017');
 * ```
 */
export function mygeneClient(ctx: CommandContext, concurrency?: number, baseUrl?: string): MyGene {
  const cfg = ctx.options.offline ? {} : (ctx.config.mygene ?? {});
  return new MyGene({ ...common(ctx), baseUrl: baseUrlFor(ctx, 'mygene', baseUrl, [cfg.baseUrl]), email: cfg.email || undefined, concurrency });
}

/**
 * The InterMine client: `--base-url`/`--root`, else `$INTERMINE_URL`, else the config file
 * (`baseUrl`, or the older `root`), else FlyMine. Token from env or config.
 *
 * @example
 * ```ts
 * const lists = await intermineClient(ctx, 'www.humanmine.org/humanmine').lists.all().toArray();
 * ```
 */
export function intermineClient(ctx: CommandContext, baseUrl: string | undefined): InterMine {
  const cfg = ctx.config.intermine;
  const chosen = baseUrlFor(ctx, 'intermine', baseUrl, [cfg?.baseUrl, cfg?.root]) ?? OFFLINE_INTERMINE_BASE_URL;
  return new InterMine({ ...common(ctx), baseUrl: chosen, token: ctx.token('intermine') });
}

/**
 * The IDR client: `--base-url`, else `$IDR_URL`, else the config file, else the public IDR.
 *
 * @example
 * ```ts
 * const screens = await idrClient(ctx).screens({}, { max: 2 }).toArray();
 * ```
 */
export function idrClient(ctx: CommandContext, baseUrl?: string): Idr {
  return new Idr({ ...common(ctx), baseUrl: baseUrlFor(ctx, 'idr', baseUrl, [ctx.config.idr?.baseUrl]) });
}

/**
 * The MOLGENIS client: `--base-url`/`--url`, `$MOLGENIS_URL` or the config file (`baseUrl`, or
 * the older `url`); required unless offline.
 *
 * @example
 * ```ts
 * const rows = await molgenisClient(ctx, 'https://molgenis.example.org').get('celiacsprue', { max: 100 }).toArray();
 * ```
 */
export function molgenisClient(ctx: CommandContext, baseUrl: string | undefined): Molgenis {
  const cfg = ctx.config.molgenis;
  const chosen = baseUrlFor(ctx, 'molgenis', baseUrl, [cfg?.baseUrl, cfg?.url]) ?? (ctx.options.offline ? OFFLINE_MOLGENIS_BASE_URL : undefined);
  if (!chosen) throw new Error('no MOLGENIS server: pass --base-url, set MOLGENIS_URL or molgenis.baseUrl in the config file (or use --offline)');
  return new Molgenis({ ...common(ctx), baseUrl: chosen, token: ctx.token('molgenis') });
}

/**
 * The MOLGENIS EMX2 simulator's server, used with `--offline` when no `--base-url` is given.
 *
 * @example
 * ```ts
 * new Emx2({ baseUrl: OFFLINE_EMX2_BASE_URL });
 * ```
 */
export const OFFLINE_EMX2_BASE_URL = 'https://emx2.example.org';

/**
 * The MOLGENIS EMX2 client: `--base-url`, else `$MOLGENIS_EMX2_URL`; required unless offline.
 * The token: `--token` (discouraged), else `$MOLGENIS_EMX2_TOKEN`, else an offline login's.
 *
 * @example
 * ```ts
 * const pets = emx2Client(ctx, undefined, undefined).schema('pet store').table('Pet');
 * ```
 */
export function emx2Client(ctx: CommandContext, baseUrl: string | undefined, token: string | undefined): Emx2 {
  const chosen = baseUrlFor(ctx, 'emx2', baseUrl, []) ?? (ctx.options.offline ? OFFLINE_EMX2_BASE_URL : undefined);
  if (!chosen) throw new Error('no MOLGENIS EMX2 server: pass --base-url or set MOLGENIS_EMX2_URL (or use --offline)');
  const chosenToken = token || ctx.io.env.MOLGENIS_EMX2_TOKEN || ctx.fallbackTokens.emx2 || undefined;
  return new Emx2({ ...common(ctx), baseUrl: chosen, token: chosenToken });
}
