// Reading fixture files from disk (Node only) and checking their shape.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Fixture } from './fixture-types.js';
import { rememberFixtureFile } from './match.js';

/**
 * Thrown by {@link loadFixtures} and {@link validateFixture} for a malformed fixture; names the file.
 *
 * @example
 * ```ts
 * try { loadFixtures(new URL('../fixtures/', import.meta.url)); }
 * catch (e) { if (e instanceof FixtureFormatError) console.error(`fix ${e.file}: ${e.message}`); }
 * ```
 */
export class FixtureFormatError extends Error {
  /** Always `'FixtureFormatError'`. */
  override name = 'FixtureFormatError';

  /**
   * Build the error for one malformed fixture file.
   *
   * @param message - What is wrong, naming the file.
   * @param file - The fixture file (or directory) at fault.
   */
  constructor(
    message: string,
    /** The path of the fixture file (or the missing directory) at fault. */
    readonly file: string,
  ) {
    super(message);
  }
}

type Check = (value: unknown, at: string) => string | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function stringRecord(value: unknown, at: string, allowArrays: boolean): string | undefined {
  if (!isRecord(value)) return `${at} must be an object`;
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') continue;
    if (allowArrays && Array.isArray(v) && v.every((x) => typeof x === 'string')) continue;
    return `${at}.${key} must be a string${allowArrays ? ' or an array of strings' : ''}`;
  }
  return undefined;
}

const BODY_KINDS = ['json', 'text', 'form', 'xml', 'base64', 'multipart'];

const checkBody: Check = (value, at) => {
  if (!isRecord(value)) return `${at} must be an object with one of ${BODY_KINDS.join(', ')}`;
  const keys = Object.keys(value);
  if (keys.length !== 1 || !BODY_KINDS.includes(keys[0]!)) {
    return `${at} must have exactly one of ${BODY_KINDS.join(', ')} (got ${keys.join(', ') || 'none'})`;
  }
  const kind = keys[0]!;
  const content = value[kind];
  switch (kind) {
    case 'json':
      return content === undefined ? `${at}.json must be a JSON value` : undefined;
    case 'text':
    case 'xml':
      return typeof content === 'string' ? undefined : `${at}.${kind} must be a string`;
    case 'base64':
      return typeof content === 'string' && /^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(content) ? undefined : `${at}.base64 must be a base64 string`;
    case 'form':
      return stringRecord(content, `${at}.form`, true);
    default: {
      if (!isRecord(content)) return `${at}.multipart must be an object`;
      for (const [name, part] of Object.entries(content)) {
        if (typeof part === 'string') continue;
        if (!isRecord(part) || typeof part.filename !== 'string') return `${at}.multipart.${name} must be a string or { filename, type?, text?, base64? }`;
        for (const key of ['type', 'text', 'base64']) {
          if (part[key] !== undefined && typeof part[key] !== 'string') return `${at}.multipart.${name}.${key} must be a string`;
        }
      }
      return undefined;
    }
  }
};

const stringValues: Check = (value, at) => stringRecord(value, at, false);

// The optional parts of each side of an exchange, checked in this order when present.
const REQUEST_PARTS: Record<string, Check> = {
  query: (value, at) => stringRecord(value, at, true),
  headers: stringValues,
  body: checkBody,
};
const RESPONSE_PARTS: Record<string, Check> = {
  headers: stringValues,
  body: checkBody,
  delayMs: (value, at) => (typeof value === 'number' && value >= 0 ? undefined : `${at} must be a number ≥ 0`),
};

function checkParts(side: Record<string, unknown>, at: string, parts: Record<string, Check>): string | undefined {
  for (const [key, check] of Object.entries(parts)) {
    const problem = side[key] === undefined ? undefined : check(side[key], `${at}.${key}`);
    if (problem) return problem;
  }
  return undefined;
}

function checkExchange(value: unknown, at: string): string | undefined {
  if (!isRecord(value)) return `${at} must be an object with request and response`;
  const { request, response } = value;
  if (!isRecord(request)) return `${at}.request must be an object`;
  if (typeof request.method !== 'string' || !/^[A-Za-z]+$/.test(request.method)) return `${at}.request.method must be an HTTP method`;
  if (typeof request.path !== 'string' || !request.path.startsWith('/')) return `${at}.request.path must be a string starting with "/"`;
  const requestProblem = checkParts(request, `${at}.request`, REQUEST_PARTS);
  if (requestProblem) return requestProblem;
  if (!isRecord(response)) return `${at}.response must be an object`;
  if (typeof response.status !== 'number' || !Number.isInteger(response.status) || response.status < 100 || response.status > 599) {
    return `${at}.response.status must be an integer HTTP status (100-599)`;
  }
  return checkParts(response, `${at}.response`, RESPONSE_PARTS);
}

/**
 * Check that a parsed value has the fixture shape; returns it typed or throws a
 * {@link FixtureFormatError} naming `file` and the offending field.
 *
 * @example
 * ```ts
 * const fixture = validateFixture(JSON.parse(text), 'fixtures/gene-1017.json');
 * ```
 */
export function validateFixture(value: unknown, file: string): Fixture {
  const fail = (problem: string): never => {
    throw new FixtureFormatError(`Malformed fixture ${file}: ${problem}`, file);
  };
  if (!isRecord(value)) return fail('the file must hold a JSON object');
  if (typeof value.name !== 'string' || value.name === '') fail('"name" must be a non-empty string');
  if (value.description !== undefined && typeof value.description !== 'string') fail('"description" must be a string');
  if (value.source !== undefined && typeof value.source !== 'string') fail('"source" must be a string');
  if (value.provenance !== undefined) {
    const problem = checkProvenance(value.provenance);
    if (problem) fail(`"provenance" ${problem}`);
  }
  if (!Array.isArray(value.exchanges) || value.exchanges.length === 0) fail('"exchanges" must be a non-empty array');
  (value.exchanges as unknown[]).forEach((exchange, i) => {
    const problem = checkExchange(exchange, `exchanges[${i}]`);
    if (problem) fail(problem);
  });
  return value as unknown as Fixture;
}

function checkProvenance(p: unknown): string | undefined {
  const text = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';
  if (!isRecord(p)) return 'must be an object';
  if (p.kind === 'written') return text(p.from) ? undefined : 'of kind "written" needs "from": the reference it was written from';
  if (p.kind === 'recorded') {
    if (!text(p.date) || Number.isNaN(Date.parse(p.date as string))) return 'of kind "recorded" needs "date" (ISO 8601)';
    if (!text(p.from)) return 'of kind "recorded" needs "from": the origin recorded';
    if (!text(p.serviceVersion)) return 'of kind "recorded" needs "serviceVersion"';
    return undefined;
  }
  return 'must have "kind": "recorded" or "written"';
}

function listJsonFiles(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJsonFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.json')) out.push(full);
  }
  return out;
}

/**
 * Read every `*.json` fixture under `dir` (recursively, in path order) and validate each one.
 * Throws a {@link FixtureFormatError} naming the file when one is not valid JSON or not a fixture.
 *
 * @example
 * ```ts
 * const fixtures = loadFixtures(new URL('../../fixtures/', import.meta.url));
 * ```
 */
export function loadFixtures(dir: string | URL): Fixture[] {
  const root = dir instanceof URL || dir.startsWith('file:') ? fileURLToPath(dir) : dir;
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new FixtureFormatError(`Fixture directory not found: ${root}`, root);
  return listJsonFiles(root).map((file) => {
    const name = relative(process.cwd(), file) || file;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new FixtureFormatError(`Malformed fixture ${name}: not valid JSON (${(error as Error).message})`, file);
    }
    const fixture = validateFixture(parsed, name);
    rememberFixtureFile(fixture, name);
    return fixture;
  });
}
