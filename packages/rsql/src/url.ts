import type { Node } from './ast.js';
import { type SerializeOptions, serialize } from './serialize.js';

/**
 * ASCII characters left as they are: RFC 3986 unreserved and sub-delims (minus `&` and `+`) and
 * `: @ / ?`. `"` is not allowed in an RFC 3986 query, and Tomcat (which runs MOLGENIS) answers 400
 * to a raw one unless `relaxedQueryChars` is set, so it is encoded.
 */
const KEEP: Uint8Array = /* @__PURE__ */ makeKeepTable();

function makeKeepTable(): Uint8Array {
  const table = new Uint8Array(128);
  const keep = `ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$'()*,;=:@/?`;
  for (const ch of keep) table[ch.charCodeAt(0)] = 1;
  return table;
}

const HEX = '0123456789ABCDEF';

function pct(byte: number): string {
  return `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
}

/**
 * Percent-encode an RSQL expression (a string, or a tree which is serialized first with
 * `options`) for use as a query-parameter value in a URL you build by hand:
 * `+ & # %`, space, `" < > [ ] \ ^ \` { | }`, control characters and all non-ASCII (as UTF-8)
 * are encoded; `; , = ( ) ' ! * : @ / ?` stay readable. `+` is always encoded, because servers
 * such as MOLGENIS (Spring) decode a raw `+` as a space. Lone surrogates are encoded as U+FFFD,
 * like `URLSearchParams` does.
 *
 * With `URLSearchParams` or `new URL(...).searchParams.set(...)`, pass the raw RSQL string
 * instead — they encode it themselves, and encoding twice breaks the query.
 *
 * @example
 * ```ts
 * import { toQueryParam, and, eq, ge } from '@bio/rsql';
 * const q = toQueryParam(and(eq('name', 'Jan de Vries'), ge('weight', 80)));
 * // 'name==%22Jan%20de%20Vries%22;weight=ge=80'
 * const url = `https://molgenis.example.org/api/v2/celiac_sprue?q=${q}`;
 * toQueryParam('comment==C++'); // 'comment==C%2B%2B'
 * ```
 */
export function toQueryParam(rsql: Node | string, options: SerializeOptions = {}): string {
  const text = typeof rsql === 'string' ? rsql : serialize(rsql, options);
  let out = '';
  let chunk = 0;
  const len = text.length;
  for (let i = 0; i < len; i++) {
    let c = text.charCodeAt(i);
    if (c < 128 && KEEP[c] === 1) continue;
    out += text.slice(chunk, i);
    if (c < 0x80) {
      out += pct(c);
    } else if (c < 0x800) {
      out += pct(0xc0 | (c >> 6)) + pct(0x80 | (c & 63));
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < len ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        } else {
          c = 0xfffd;
        }
      }
      if (c < 0x10000) {
        out += pct(0xe0 | (c >> 12)) + pct(0x80 | ((c >> 6) & 63)) + pct(0x80 | (c & 63));
      } else {
        out += pct(0xf0 | (c >> 18)) + pct(0x80 | ((c >> 12) & 63)) + pct(0x80 | ((c >> 6) & 63)) + pct(0x80 | (c & 63));
      }
    }
    chunk = i + 1;
  }
  return chunk === 0 ? text : out + text.slice(chunk);
}
