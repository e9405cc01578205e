import { redactSecrets } from '../redact.js';

/**
 * A body (text or parsed JSON) with every secret replaced, whole: redact before anything cuts
 * it to a length, or a secret across the cut leaves a piece no redaction can find.
 */
export function redactBody(body: unknown, secrets: readonly string[]): unknown {
  if (typeof body === 'string') return redactSecrets(body, secrets);
  if (body === undefined || secrets.length === 0) return body;
  // Round-trip through JSON so a secret nested anywhere in the body is replaced.
  try {
    return JSON.parse(
      redactSecrets(
        JSON.stringify(body),
        secrets.map((s) => JSON.stringify(s).slice(1, -1)),
      ),
    );
  } catch {
    return '[unserialisable body]';
  }
}
