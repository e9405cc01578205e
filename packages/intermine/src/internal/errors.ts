import { type BioHttpError, type BioHttpErrorInit, createHttpError } from '@bio/core-http';

/** Hint added to every 401 (by the client's `beforeError` hook): InterMine answers 401 even on public endpoints when a token is bad. */
export const UNAUTHORIZED_HINT =
  'the API token was rejected — it is wrong, expired (24-hour and single-use tokens expire) or belongs to another mine; InterMine answers 401 even on public endpoints when a bad token is sent, so fix the token or leave it out';

const ERROR_LINE = /^\[ERROR\]\s+(\d{3})\s*(.*)$/;

/** Parse a flat-format error line: `[ERROR] 400 message`. */
export function parseErrorLine(line: string): { status: number; message: string } | undefined {
  const m = ERROR_LINE.exec(line);
  if (!m) return undefined;
  return { status: Number(m[1]), message: m[2]?.trim() || 'the server reported an error' };
}

/**
 * The message of a flat error body: the rest of the `[ERROR]` line and every line after it, since
 * the server writes its message unescaped (a query's problems come one per line after the first).
 */
function flatErrorMessage(body: string): string | undefined {
  const lines = body.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = ERROR_LINE.exec(lines[i] as string);
    if (m) return [m[2] ?? '', ...lines.slice(i + 1)].join('\n').trim() || 'the server reported an error';
  }
  return undefined;
}

function clip(text: string): string {
  const t = text.trim();
  return t.length > 500 ? `${t.slice(0, 500)}…` : t;
}

/** The server's message from an error body: the JSON `error`, an `[ERROR]` line, an XML `<message>`, or an HTML title. */
export function interMineServiceMessage(body: unknown, _response: Response): string | undefined {
  let message: string | undefined;
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const record = body as Record<string, unknown>;
    for (const key of ['error', 'message']) {
      const v = record[key];
      if (typeof v === 'string' && v.trim().length > 0) {
        message = clip(v);
        break;
      }
    }
  } else if (typeof body === 'string') {
    const flat = flatErrorMessage(body);
    if (flat) message = clip(flat);
    else {
      const xmlMessage = /<message>([\s\S]*?)<\/message>/i.exec(body)?.[1];
      const cause = /<cause>([\s\S]*?)<\/cause>/i.exec(body)?.[1];
      const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1];
      if (xmlMessage) message = clip(cause ? `${xmlMessage}: ${cause}` : xmlMessage);
      else if (title) message = clip(title.replace(/\s+/g, ' '));
      else if (!/^\s*</.test(body)) {
        const first = body.split(/\r?\n/).find((l) => l.trim() !== '');
        if (first) message = clip(first);
      }
    }
  }
  return message;
}

/** InterMine's JSON envelope reports failure in `wasSuccessful`, even with HTTP 200. */
export function interMineErrorInBody(body: unknown): { status: number; message: string } | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  if (record.wasSuccessful !== false) return undefined;
  const status = typeof record.statusCode === 'number' && record.statusCode >= 400 ? record.statusCode : 500;
  const message = typeof record.error === 'string' && record.error.length > 0 ? record.error : 'the service reported wasSuccessful: false';
  return { status, message };
}

/** The error for a failure reported in a streamed trailer or an `[ERROR]` line after HTTP 200. */
export function streamError(init: { status: number; message: string; method: string; url: string; body?: unknown; cause?: unknown }): BioHttpError {
  const error = createHttpError({
    status: init.status,
    method: init.method,
    url: init.url,
    service: 'intermine',
    serviceMessage: init.message,
    message: `${init.status} ${init.method} ${init.url}: the server reported a failure after HTTP 200, part-way through the results: ${init.message}`,
    ...(init.body === undefined ? {} : { body: init.body }),
    ...(init.cause === undefined ? {} : { cause: init.cause }),
  });
  return withUnauthorizedHint(error);
}

type ErrorClass = new (init: BioHttpErrorInit) => BioHttpError;

/**
 * The same error (class and fields) with another message; the original is the `cause`. For a
 * hint that only the calling code can give (which request it was, what the answer means there).
 */
export function withMessage(error: BioHttpError, message: string): BioHttpError {
  const init: BioHttpErrorInit = { status: error.status, message, cause: error };
  for (const key of ['method', 'url', 'service', 'serviceMessage', 'body', 'retryAfter', 'attempts', 'headers'] as const) {
    if (error[key] !== undefined) (init as Record<string, unknown>)[key] = error[key];
  }
  return new (error.constructor as ErrorClass)(init);
}

/**
 * The `beforeError` hook every InterMine client installs: a 401 gets {@link UNAUTHORIZED_HINT}
 * added to its message (same class, same fields; the original error is the `cause`).
 */
export function withUnauthorizedHint(error: BioHttpError): BioHttpError {
  if (error.status !== 401 || error.message.includes(UNAUTHORIZED_HINT)) return error;
  return withMessage(error, `${error.message} — ${UNAUTHORIZED_HINT}`);
}
