// Resolving table and column names given by users (id or name, any case) with a "did you mean".
import { ValidationError } from '@bio/core-http';

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
}

/** The candidate closest to `wanted` (case-insensitive edit distance). */
export function nearest(wanted: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const score = distance(wanted.toLowerCase(), c.toLowerCase());
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** Find by id, then name, then either case-insensitively; else a `ValidationError` naming the nearest. */
export function resolveName<T extends { id: string; name: string }>(items: readonly T[], wanted: string, what: string, field: string): T {
  if (typeof wanted !== 'string' || wanted === '') throw new ValidationError({ message: `${what} must be a non-empty string`, field });
  const exact = items.find((i) => i.id === wanted) ?? items.find((i) => i.name === wanted);
  if (exact) return exact;
  const lower = wanted.toLowerCase();
  const loose = items.find((i) => i.id.toLowerCase() === lower || i.name.toLowerCase() === lower);
  if (loose) return loose;
  const suggestion = nearest(
    wanted,
    items.map((i) => i.name),
  );
  throw new ValidationError({ message: `unknown ${what} "${wanted}"${suggestion === undefined ? '' : ` — did you mean "${suggestion}"?`}`, field });
}
