import { ValidationError } from '@bio/core-http';

type Check = (value: number | string, field?: string) => number;

/** Validate a one-key target object (`{ image: 1 }`) and return `[key, id]`. */
export function singleTarget(target: object, allowed: Readonly<Record<string, Check>>, what: string): [string, number] {
  const entries = Object.entries(target).filter(([, v]) => v !== undefined);
  const first = entries[0];
  const check = first === undefined ? undefined : allowed[first[0]];
  if (entries.length !== 1 || first === undefined || check === undefined) {
    throw new ValidationError({ message: `${what} needs exactly one of: ${Object.keys(allowed).join(', ')}` });
  }
  return [first[0], check(first[1] as number, first[0])];
}

/** Validate a target whose keys may each hold one id or several (`{ screen: [102, 206] }`). */
export function multiTarget(target: object, allowed: Readonly<Record<string, Check>>, what: string): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [key, raw] of Object.entries(target)) {
    if (raw === undefined) continue;
    const check = allowed[key];
    if (check === undefined) throw new ValidationError({ message: `${what}: unknown key "${key}" (use ${Object.keys(allowed).join(', ')})`, field: key });
    const values = (Array.isArray(raw) ? raw : [raw]) as (number | string)[];
    if (values.length === 0) continue;
    out[key] = values.map((v) => check(v, key));
  }
  if (Object.keys(out).length === 0) throw new ValidationError({ message: `${what} needs at least one of: ${Object.keys(allowed).join(', ')}` });
  return out;
}
