import { Idr } from '@bio/idr';
import { InterMine } from '@bio/intermine';
import { Molgenis } from '@bio/molgenis';
import { MyGene } from '@bio/mygene';
import type { CommandContext } from './context.js';

// Where the recorded fixtures were made: with --offline every client points there (unless a
// base URL is given on the command line), so the msw handlers of `--offline` answer.
/**
 * FlyMine, where the InterMine fixtures were recorded (and the default mine).
 *
 * @example
 * ```ts
 * new InterMine({ root: OFFLINE_INTERMINE_ROOT });
 * ```
 */
export const OFFLINE_INTERMINE_ROOT = 'https://www.flymine.org/flymine';
/**
 * The MOLGENIS fixtures' server, used with `--offline` when no `--url` is given.
 *
 * @example
 * ```ts
 * new Molgenis({ url: OFFLINE_MOLGENIS_URL });
 * ```
 */
export const OFFLINE_MOLGENIS_URL = 'https://molgenis.example.org';

/** Client options the CLI sets everywhere: fewer retries in offline mode (nothing to wait for). */
function common(ctx: CommandContext): { retry?: number } {
  return ctx.options.offline ? { retry: 0 } : {};
}

/**
 * The MyGene.info client for a command (config file's base URL and email unless offline).
 *
 * @example
 * ```ts
 * const gene = await mygeneClient(ctx).gene('1017');
 * ```
 */
export function mygeneClient(ctx: CommandContext, concurrency?: number): MyGene {
  const cfg = ctx.options.offline ? {} : (ctx.config.mygene ?? {});
  return new MyGene({
    ...common(ctx),
    ...(cfg.baseUrl ? { baseUrl: cfg.baseUrl } : {}),
    ...(cfg.email ? { email: cfg.email } : {}),
    ...(concurrency ? { concurrency } : {}),
  });
}

/**
 * The InterMine client: `--root`, else the config file, else FlyMine. Token from env or config.
 *
 * @example
 * ```ts
 * const lists = await intermineClient(ctx, 'www.humanmine.org/humanmine').lists.all();
 * ```
 */
export function intermineClient(ctx: CommandContext, root: string | undefined): InterMine {
  const token = ctx.token('intermine');
  const chosen = root ?? (ctx.options.offline ? undefined : ctx.config.intermine?.root) ?? OFFLINE_INTERMINE_ROOT;
  return new InterMine({ ...common(ctx), root: chosen, ...(token ? { token } : {}) });
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
  return new Idr({ ...common(ctx), ...(baseUrl ? { baseUrl } : {}) });
}

/**
 * The MOLGENIS client: `--url`, `$MOLGENIS_URL` or the config file (required unless offline).
 *
 * @example
 * ```ts
 * const rows = await molgenisClient(ctx, 'https://molgenis.example.org').get('celiacsprue');
 * ```
 */
export function molgenisClient(ctx: CommandContext, url: string | undefined): Molgenis {
  const token = ctx.token('molgenis');
  const chosen = url ?? (ctx.options.offline ? OFFLINE_MOLGENIS_URL : (ctx.io.env.MOLGENIS_URL ?? ctx.config.molgenis?.url));
  if (!chosen) throw new Error('no MOLGENIS server: pass --url, set MOLGENIS_URL or molgenis.url in the config file (or use --offline)');
  return new Molgenis({ ...common(ctx), url: chosen, ...(token ? { token } : {}) });
}
