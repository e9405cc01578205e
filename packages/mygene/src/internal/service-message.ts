// MyGene's error bodies: {"code":400,"success":false,"error":"Bad Request","keyword":"id","max":1000,"size":1001},
// {"code":400,"success":false,"error":"Bad Request","missing":"id","alias":"ids"},
// {"code":400,"success":false,"error":"ValueError","details":"Invalid or stale scroll_id."}, old servers without
// `code`, ES syntax errors with root_cause_line_NN keys, and HTML pages from proxies.

import { htmlErrorMessage } from '@bio/core-http';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : undefined;
}

/** An option's `alias` setting as sent: one name, or a list of names. */
function aliasNames(alias: unknown): string[] {
  const list = Array.isArray(alias) ? alias : [alias];
  return list.map(text).filter((name): name is string => name !== undefined);
}

/** Pull a readable message out of a MyGene error body (JSON object, text or HTML). */
export function mygeneServiceMessage(body: unknown): string | undefined {
  if (typeof body === 'string') {
    const trimmed = body.trim();
    if (trimmed.length === 0) return undefined;
    if (/^<(!doctype|html|head|body|\?xml)/i.test(trimmed) || /<\/(html|body|title|h1)>/i.test(trimmed)) return htmlErrorMessage(trimmed) ?? 'HTML error page';
    return trimmed.length > 300 ? `${trimmed.slice(0, 300)}…` : trimmed;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  let message = text(b.error) ?? text(b.message) ?? text(b.detail);
  const extra = text(b.details) ?? text(b.reason);
  if (extra) message = message ? `${message}: ${extra}` : extra;
  // biothings.web options (manager.py): Existentialist.inquire raises OptionError(missing=…, alias=…)
  // for an absent required option, and OptionSet.parse drops the empty `keyword`.
  const missing = text(b.missing);
  if (missing && !text(b.keyword)) {
    const aliases = aliasNames(b.alias);
    const also = aliases.length === 0 ? '' : ` (also accepted as ${aliases.map((a) => `"${a}"`).join(' or ')})`;
    message = `${message ?? 'Bad Request'}: missing required parameter "${missing}"${also}`;
  }
  const keyword = text(b.keyword);
  if (keyword) {
    const bits = [`parameter "${keyword}"`];
    if (typeof b.min === 'number') bits.push(`min ${b.min}`);
    if (typeof b.max === 'number') bits.push(`max ${b.max}`);
    if (typeof b.size === 'number') bits.push(`got ${b.size} entries`);
    else if (typeof b.num === 'number') bits.push(`got ${b.num}`);
    message = `${message ?? 'Bad Request'} (${bits.join(', ')})`;
  }
  const rootCause = Object.keys(b)
    .filter((k) => k.startsWith('root_cause_line_'))
    .sort()
    .map((k) => text(b[k]))
    .filter((s): s is string => s !== undefined);
  if (rootCause.length > 0) message = `${message ?? 'Query error'}: ${rootCause.join(' ')}`;
  return message;
}
