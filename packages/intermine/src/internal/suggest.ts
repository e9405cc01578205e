/** Levenshtein distance (two-row dynamic programming). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let curr = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      curr[j] = Math.min((prev[j] ?? 0) + 1, (curr[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[b.length] ?? 0;
}

/** The closest candidates to `input` (case-insensitive), best first, at most `max`. */
export function suggest(input: string, candidates: Iterable<string>, max = 3): string[] {
  const lower = input.toLowerCase();
  const limit = Math.max(2, Math.floor(input.length / 3));
  const scored: { name: string; score: number }[] = [];
  for (const name of candidates) {
    const candidate = name.toLowerCase();
    let score = editDistance(lower, candidate);
    if (candidate.startsWith(lower) || lower.startsWith(candidate)) score = Math.min(score, 1);
    if (score <= limit) scored.push({ name, score });
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, max).map((s) => s.name);
}

/** ` (did you mean "a" or "b"?)` or an empty string. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const hits = suggest(input, candidates);
  if (hits.length === 0) return '';
  return ` (did you mean ${hits.map((h) => `"${h}"`).join(' or ')}?)`;
}
