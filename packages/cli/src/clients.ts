import { Idr } from '@bio/idr';
import { InterMine } from '@bio/intermine';
import { Molgenis } from '@bio/molgenis';
import { MyGene } from '@bio/mygene';
import type { CommandContext } from './context.js';

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
export const OFFLINE_INTERMINE_BASE_URL = 'https://www.flymine.org/flymine';
/**
 * The MOLGENIS simulator's server, used with `--offline` when no `--url` is given.
 *
 * @example
 * ```ts
 * new Molgenis({ baseUrl: OFFLINE_MOLGENIS_BASE_URL });
 * ```
 */
export const OFFLINE_MOLGENIS_BASE_URL = 'https://molgenis.example.org';

/** Client options the CLI sets everywhere: no retries in offline mode (nothing to wait for). */
function common(ctx: CommandContext): { retry?: number | undefined } {
  return { retry: ctx.options.offline ? 0 : undefined };
}

/**
 * The MyGene.info client for a command (config file's base URL and email unless offline).
 * `concurrency` (batches in flight, 1–8) is the client's: it bounds every call it makes.
 *
 * @example
 * ```ts
 * const gene = await mygeneClient(ctx).gene('1017');
 * ```
 */
export function mygeneClient(ctx: CommandContext, concurrency?: number): MyGene {
  const cfg = ctx.options.offline ? {} : (ctx.config.mygene ?? {});
  return new MyGene({ ...common(ctx), baseUrl: cfg.baseUrl || undefined, email: cfg.email || undefined, concurrency });
}

/**
 * The InterMine client: `--root`, else the config file (`baseUrl`, or the older `root`), else
 * FlyMine. Token from env or config.
 *
 * @example
 * ```ts
 * const lists = await intermineClient(ctx, 'www.humanmine.org/humanmine').lists.all().toArray();
 * ```
 */
export function intermineClient(ctx: CommandContext, baseUrl: string | undefined): InterMine {
  const cfg = ctx.options.offline ? undefined : ctx.config.intermine;
  const chosen = baseUrl ?? (cfg?.baseUrl || cfg?.root || undefined) ?? OFFLINE_INTERMINE_BASE_URL;
  return new InterMine({ ...common(ctx), baseUrl: chosen, token: ctx.token('intermine') });
}

/**
 * The IDR client: the config file's base URL, else the public IDR.
 *
 * @example
 * ```ts
 * const screens = await idrClient(ctx).screens({}, { max: 2 }).toArray();
 * ```
 */
export function idrClient(ctx: CommandContext): Idr {
  const baseUrl = ctx.options.offline ? undefined : ctx.config.idr?.baseUrl;
  return new Idr({ ...common(ctx), baseUrl: baseUrl || undefined });
}

/**
 * The MOLGENIS client: `--url`, `$MOLGENIS_URL` or the config file (`baseUrl`, or the older
 * `url`); required unless offline.
 *
 * @example
 * ```ts
 * const rows = await molgenisClient(ctx, 'https://molgenis.example.org').get('celiacsprue', { max: 100 }).toArray();
 * ```
 */
export function molgenisClient(ctx: CommandContext, baseUrl: string | undefined): Molgenis {
  const cfg = ctx.config.molgenis;
  const chosen = baseUrl ?? (ctx.options.offline ? OFFLINE_MOLGENIS_BASE_URL : ctx.io.env.MOLGENIS_URL || cfg?.baseUrl || cfg?.url || undefined);
  if (!chosen) throw new Error('no MOLGENIS server: pass --url, set MOLGENIS_URL or molgenis.url in the config file (or use --offline)');
  return new Molgenis({ ...common(ctx), baseUrl: chosen, token: ctx.token('molgenis') });
}
