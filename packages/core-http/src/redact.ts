/** Query parameters whose values are secrets wherever they appear. */
export const SECRET_QUERY_PARAMS: readonly string[] = ['token', 'access_token', 'api_key', 'apikey', 'password', 'csrfmiddlewaretoken', 'sessionid'];

const REDACTED = '[REDACTED]';

/**
 * Replace every occurrence of each secret value in `text` with `[REDACTED]`.
 * Also catches the percent-encoded form, as secrets often travel in URLs and form bodies.
 *
 * @example
 * ```ts
 * redactSecrets('token abc123 failed', ['abc123']); // 'token [REDACTED] failed'
 * ```
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 3) continue; // too short to redact without mangling ordinary text
    out = out.split(secret).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join(REDACTED);
  }
  return out;
}

/**
 * Redact secret query parameters (and userinfo) from a URL string. Unparseable input is
 * returned unchanged: it is then scrubbed by {@link redactSecrets} with the known values.
 *
 * @example
 * ```ts
 * redactUrl('https://mine.org/service/lists?token=abc&name=x');
 * // 'https://mine.org/service/lists?token=%5BREDACTED%5D&name=x'
 * ```
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  let changed = false;
  if (parsed.username || parsed.password) {
    parsed.username = '';
    parsed.password = '';
    changed = true;
  }
  for (const key of [...parsed.searchParams.keys()]) {
    if (SECRET_QUERY_PARAMS.includes(key.toLowerCase())) {
      parsed.searchParams.set(key, REDACTED);
      changed = true;
    }
  }
  return changed ? parsed.toString() : url;
}
