import type { ListOptions } from '@bio/core-http';
import type { Command } from 'commander';
import { count, positive } from '../input.js';

/**
 * What `--max` and `--page-size` parse to: the paging half of the family's `ListOptions`, which
 * every client's listing call takes.
 *
 * @example
 * ```ts
 * const paging: Paging = { max: 10, pageSize: 100 };
 * ```
 */
export type Paging = Pick<ListOptions, 'max' | 'pageSize'>;

/**
 * The help of a listing's `--max` and `--page-size`, and the parser of `--max`.
 *
 * @example
 * ```ts
 * const help: PagingHelp = { max: 'at most this many plates', pageSize: 'plates per request' };
 * ```
 */
export interface PagingHelp {
  max: string;
  pageSize: string;
  /** `positive` unless given (`count` where `--max 0` is allowed). */
  parseMax?: (value: string) => number;
  /** `--max` when not given; default: none (the client reads every item). */
  defaultMax?: number;
}

/**
 * The paging help of a listing named by what it lists: "at most this many plates", "plates per request".
 *
 * @example
 * ```ts
 * withPaging(cmd, pagingOfItems('plates'));
 * ```
 */
export function pagingOfItems(items: string): PagingHelp {
  return { max: `at most this many ${items}`, pageSize: `${items} per request` };
}

/** The paging help of a listing that reads every row unless `--max` is given. */
export const ALL_ROWS_PAGING: PagingHelp = { max: 'at most this many rows (default: all)', pageSize: 'rows per request', parseMax: count };

/**
 * The paging help of a table's rows printed 100 at most unless `--max` says otherwise (the client
 * itself reads every row); `pageSize` names the service's own page limits.
 *
 * @example
 * ```ts
 * withPaging(cmd, firstRowsPaging('rows per request (default: the client’s, 1000)'));
 * ```
 */
export function firstRowsPaging(pageSize: string): PagingHelp {
  return { max: 'at most this many rows', pageSize, parseMax: count, defaultMax: 100 };
}

/**
 * Add `--max <n>` and `--page-size <n>` to a listing command; `pagingOf` reads them back.
 *
 * @example
 * ```ts
 * withPaging(idr.command('screens'), pagingOfItems('screens')).action((opts) => client.screens({}, pagingOf(opts)));
 * ```
 */
export function withPaging(cmd: Command, help: PagingHelp): Command {
  return cmd.option('--max <n>', help.max, help.parseMax ?? positive, help.defaultMax).option('--page-size <n>', help.pageSize, positive);
}

/**
 * The paging of a listing's parsed options (its other options left out).
 *
 * @example
 * ```ts
 * pagingOf({ screen: 102, max: 5 }); // { max: 5, pageSize: undefined }
 * ```
 */
export function pagingOf(opts: Paging): Paging {
  return { max: opts.max, pageSize: opts.pageSize };
}
