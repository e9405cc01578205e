import { ValidationError } from '@bio/core-http';
import { datasetId, imageId, plateAcquisitionId, plateId, projectId, roiId, screenId, wellId } from '../ids.js';

/** The id check of every key a target object or a filter may use (`{ screen: 102 }`, `{ acquisition: 1 }`, …). */
export const TARGET_IDS = {
  screen: screenId,
  project: projectId,
  dataset: datasetId,
  plate: plateId,
  acquisition: plateAcquisitionId,
  well: wellId,
  image: imageId,
  roi: roiId,
} as const;

/** A key of a target object. */
export type TargetKey = keyof typeof TARGET_IDS;

function checkOf(key: string, allowed: readonly TargetKey[]): ((value: number | string, field?: string) => number) | undefined {
  return (allowed as readonly string[]).includes(key) ? TARGET_IDS[key as TargetKey] : undefined;
}

/** Validate a one-key target object (`{ image: 1 }`) whose key is one of `allowed`, and return `[key, id]`. */
export function singleTarget(target: object, allowed: readonly TargetKey[], what: string): [string, number] {
  const entries = Object.entries(target).filter(([, v]) => v !== undefined);
  const first = entries[0];
  const check = first === undefined ? undefined : checkOf(first[0], allowed);
  if (entries.length !== 1 || first === undefined || check === undefined) {
    throw new ValidationError({ message: `${what} needs exactly one of: ${allowed.join(', ')}` });
  }
  return [first[0], check(first[1] as number, first[0])];
}

/** Validate a target whose keys (each one of `allowed`) may each hold one id or several (`{ screen: [102, 206] }`). */
export function multiTarget(target: object, allowed: readonly TargetKey[], what: string): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [key, raw] of Object.entries(target)) {
    if (raw === undefined) continue;
    const check = checkOf(key, allowed);
    if (check === undefined) throw new ValidationError({ message: `${what}: unknown key "${key}" (use ${allowed.join(', ')})`, field: key });
    const values = (Array.isArray(raw) ? raw : [raw]) as (number | string)[];
    if (values.length === 0) continue;
    out[key] = values.map((v) => check(v, key));
  }
  if (Object.keys(out).length === 0) throw new ValidationError({ message: `${what} needs at least one of: ${allowed.join(', ')}` });
  return out;
}
