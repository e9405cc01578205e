// Answers as EMX2's Jackson writer prints them: two-space indent, `"key" : value`, `[ ]`/`{ }`,
// null-valued object entries left out, doubles Java-style (`1500.0`, `1.0E-4`).

/** A DECIMAL value, printed as Java prints a double. */
export class JavaDouble {
  constructor(readonly value: number) {}
}

/** Java's `Double.toString`: scientific below 1e-3 and from 1e7, always a fraction digit. */
export function javaDouble(n: number): string {
  if (!Number.isFinite(n)) return 'null';
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e7)) {
    const [mantissa = '0', exponent = '0'] = n.toExponential().split('e');
    return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
  }
  const text = String(n);
  return text.includes('.') ? text : `${text}.0`;
}

// Native JSON.stringify does the work (the simulator serves large pages). Values are cleaned
// first — null object entries dropped, doubles and empty lists/objects marked, bigints as text —
// except lists already built clean (table rows, see `clean`); marked values are then unquoted
// and `": ` becomes Jackson's `" : ` (keys are identifiers: no quotes inside).
const MARK = '\uE000';
const MARKED = new RegExp(`"${MARK}([^"${MARK}]*)${MARK}"`, 'g');
const CLEAN = new WeakSet<object>();

/** A DECIMAL as the printer's marked text (for rows built clean). */
export function decimalText(n: number): string {
  return `${MARK}${javaDouble(n)}${MARK}`;
}

/** An empty object as the printer's marked text (for rows built clean). */
export const EMPTY_OBJECT = `${MARK}{ }${MARK}`;
const EMPTY_LIST = `${MARK}[ ]${MARK}`;

/** Mark a list as already clean: no nulls in objects, doubles and empty values marked, no bigints. */
export function clean<T extends object>(value: T): T {
  CLEAN.add(value);
  return value;
}

function cleaned(value: unknown): unknown {
  if (value instanceof JavaDouble) return decimalText(value.value);
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object' || CLEAN.has(value)) return value;
  if (Array.isArray(value)) return value.length === 0 ? EMPTY_LIST : value.map((v) => (v === undefined ? null : cleaned(v)));
  const out: Record<string, unknown> = {};
  let any = false;
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === undefined) continue;
    out[k] = cleaned(v);
    any = true;
  }
  return any ? out : EMPTY_OBJECT;
}

/** The JSON text of `value`, Jackson-style. */
export function jacksonJson(value: unknown): string {
  return (JSON.stringify(cleaned(value), null, 2) ?? 'null').replace(/^( *"[^"\n]*"): /gm, '$1 : ').replace(MARKED, '$1');
}

/** A 200 JSON answer. */
export function jsonAnswer(value: unknown, status = 200): Response {
  return new Response(jacksonJson(value), { status, headers: { 'content-type': 'application/json' } });
}

/** EMX2's error answer: `{"errors":[{"message"}]}` (400 unless said otherwise). */
export function errorAnswer(message: string, status = 400): Response {
  return jsonAnswer({ errors: [{ message }] }, status);
}

/** A failure that becomes an EMX2 error answer. */
export class Emx2SimError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}
