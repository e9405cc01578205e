// The chaos matrix: every client × every fault × a read call and (where the service has one) a
// write call, through a fault-injecting proxy in front of each client's recorded fixtures.
import { isBioHttpError } from '@bio/core-http';
import { Idr } from '@bio/idr';
import { fixtures as idrFixtures } from '@bio/idr/testing';
import { InterMine } from '@bio/intermine';
import { fixtures as intermineFixtures } from '@bio/intermine/testing';
import { Molgenis } from '@bio/molgenis';
import { fixtures as molgenisFixtures } from '@bio/molgenis/testing';
import { MyGene } from '@bio/mygene';
import { fixtures as mygeneFixtures } from '@bio/mygene/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULTS, type Fault, type Step } from '../src/chaos-server.js';
import { activeResources, leakedResources, type Stage, startStage, toArray, trapUnhandled } from '../src/harness.js';

const TIMEOUT = 1000; // per attempt
const MAX_RETRIES = 2;
const RETRY = { limit: MAX_RETRIES, delay: 0 };
const CANARY = 'CANARY-matrix-7d1f0c2e';

type ClientName = 'MyGene' | 'InterMine' | 'IDR' | 'MOLGENIS';

interface Call {
  client: ClientName;
  label: string;
  write: boolean;
  /** Retried on network errors and these statuses (the client's retry policy for this call). */
  retried: readonly number[] | false;
  /** The body is streamed to the caller (headers first): a mid-body failure cannot be retried. */
  streaming?: boolean;
  /** The call reads no body (MOLGENIS add reads only `Location`). */
  headOnly?: boolean;
  /** Build a client on `base` (the chaos server) and do any warm-up (plan 'ok'); returns the call. */
  prepare(base: string): Promise<() => Promise<unknown>>;
}

const ALL_RETRIED = [408, 429, 500, 502, 503, 504];
const WRITE_ROWS = [
  { id: '157', type: 'gnome', year: '1998' },
  { id: '158', type: 'fairy', year: '1998' },
  { id: '159', type: 'unicorn', year: '1998' },
];

const CALLS: Call[] = [
  {
    client: 'MyGene',
    label: 'query (GET)',
    write: false,
    retried: ALL_RETRIED,
    prepare: async (base) => {
      const mg = new MyGene({ baseUrl: `${base}/v3`, retry: RETRY, timeout: TIMEOUT, headers: { authorization: `Bearer ${CANARY}` } });
      return () => mg.query('symbol:cdk2');
    },
  },
  {
    client: 'MyGene',
    label: 'queryMany (idempotent POST)',
    write: false,
    retried: ALL_RETRIED,
    prepare: async (base) => {
      const mg = new MyGene({ baseUrl: `${base}/v3`, retry: RETRY, timeout: TIMEOUT });
      return () => mg.queryMany(['1017', 'tp53', 'dummy'], { scopes: ['entrezgene', 'symbol'], species: ['human', 'rat'] });
    },
  },
  {
    client: 'InterMine',
    label: 'version (GET)',
    write: false,
    retried: ALL_RETRIED,
    prepare: async (base) => {
      const mine = new InterMine({ baseUrl: `${base}/flymine/service`, token: CANARY, retry: RETRY, timeout: TIMEOUT });
      return () => mine.version();
    },
  },
  {
    client: 'InterMine',
    label: 'rows (streamed POST)',
    write: false,
    retried: ALL_RETRIED,
    streaming: true,
    prepare: async (base) => {
      const mine = new InterMine({ baseUrl: `${base}/flymine/service`, token: CANARY, retry: RETRY, timeout: TIMEOUT });
      await mine.model(); // warm-up under 'ok': the fault hits the results request
      return () =>
        toArray(mine.rows(mine.query('Gene').select('symbol', 'primaryIdentifier', 'length').where('symbol', 'ONE OF', ['eve', 'zen']).orderBy('symbol')));
    },
  },
  {
    client: 'InterMine',
    label: 'lists.create (write)',
    write: true,
    retried: false,
    prepare: async (base) => {
      const mine = new InterMine({ baseUrl: `${base}/flymine/service`, token: CANARY, retry: RETRY, timeout: TIMEOUT });
      return () =>
        mine.lists
          .create(['eve', 'zen', 'not-a-gene'], {
            name: 'my-genes',
            type: 'Gene',
            description: 'three fly genes',
            tags: ['demo', 'fly'],
            organism: 'D. melanogaster',
          })
          .then((l) => ({ name: l.name, size: l.size, id: l.id, unmatched: l.unmatchedIdentifiers }));
    },
  },
  {
    client: 'IDR',
    label: 'screen (GET)',
    write: false,
    retried: [408, 429, 502, 503, 504], // IDR's policy (DEFAULT_RETRY): the family's without 500
    prepare: async (base) => {
      const idr = new Idr({ baseUrl: base, retry: RETRY, timeout: TIMEOUT });
      return () => idr.screen(102);
    },
  },
  {
    client: 'MOLGENIS',
    label: 'getById (GET)',
    write: false,
    retried: ALL_RETRIED,
    prepare: async (base) => {
      const m = new Molgenis({ baseUrl: base, token: CANARY, retry: RETRY, timeout: TIMEOUT });
      return () => m.getById('demo_sightings', '152', { attributes: ['id', 'type'] });
    },
  },
  {
    client: 'MOLGENIS',
    label: 'add (write)',
    write: true,
    retried: false,
    headOnly: true,
    prepare: async (base) => {
      const m = new Molgenis({ baseUrl: base, token: CANARY, retry: RETRY, timeout: TIMEOUT });
      return () => m.add('Person', { firstName: 'Jan', lastName: 'Klaassen' });
    },
  },
  {
    client: 'MOLGENIS',
    label: 'addAll (write)',
    write: true,
    retried: false,
    prepare: async (base) => {
      const m = new Molgenis({ baseUrl: base, token: CANARY, retry: RETRY, timeout: TIMEOUT });
      return () => m.addAll('demo_sightings', WRITE_ROWS);
    },
  },
];

const FIXTURES: Record<ClientName, () => Parameters<typeof startStage>[0]> = {
  MyGene: mygeneFixtures,
  InterMine: intermineFixtures,
  IDR: idrFixtures,
  MOLGENIS: molgenisFixtures,
};

// Network failures are retried; a per-attempt timeout is not (as in ky: the server may still be
// working on a request that took too long, and the caller's deadline is what the timeout protects).
const NETWORK_FAULTS = new Set<Fault>(['reset-before-headers', 'reset-mid-body']);

/**
 * Cells where a client misbehaves: reported to the coordinator with a reproduction in
 * known-bugs/ (run with `npx vitest run -c vitest.known-bugs.config.ts`), and left out of the
 * green suite rather than asserted the wrong way round.
 */
const KNOWN_BUGS: Record<string, string> = {};

function statusOf(fault: Fault): number | undefined {
  const m = /^(\d{3})/.exec(fault);
  return m ? Number(m[1]) : undefined;
}

/** Is this fault retried for this call? */
function retriedOn(call: Call, fault: Fault): boolean {
  if (call.retried === false) return false;
  if (fault === 'reset-mid-body') return !call.streaming && !call.headOnly;
  if (NETWORK_FAULTS.has(fault)) return true;
  const status = statusOf(fault);
  return status !== undefined && status >= 429 && call.retried.includes(status);
}

/** What the call must end with when the fault does not go away (or is not retried). */
function expectedError(call: Call, fault: Fault): string | 'ok' {
  switch (fault) {
    case 'reset-before-headers':
      return 'NetworkError';
    case 'reset-mid-body':
      return call.headOnly ? 'ok' : 'NetworkError';
    case 'hang':
      return 'TimeoutError';
    case 'stall-mid-body':
      return call.headOnly ? 'ok' : 'TimeoutError';
    case 'slow-bytes':
    case 'redirect-cross-origin':
      return 'ok';
    case 'truncated-json':
      return call.headOnly ? 'ok' : 'ResponseFormatError';
    case 'html-200':
    case 'invalid-json':
    case 'redirect-html-login':
      return 'ResponseFormatError';
    case 'html-404':
      return 'NotFoundError';
    case '401':
      return 'UnauthorizedError';
    case '403':
      return 'ForbiddenError';
    case '429-retry-after-seconds':
    case '429-retry-after-date':
      return 'RateLimitError';
    default:
      return 'ServerError';
  }
}

interface Observed {
  outcome: string; // 'ok', an error name, or `BatchError<ServerError>` for a batched call
  requests: number;
  ms: number;
  value?: unknown;
  error?: unknown;
  /** The error itself, or the one inside a batch error. */
  inner?: unknown;
}

/** The error of the failed batch inside a `BatchError` (core-http or MOLGENIS's subclass). */
function innerOf(error: unknown): unknown {
  const e = error as { errors?: { error: unknown }[]; cause?: unknown; name?: string };
  if (e?.name === 'BatchError' || e?.name === 'MolgenisBatchError') return e.errors?.[0]?.error ?? e.cause;
  return error;
}

function nameOf(error: unknown): string {
  if (!isBioHttpError(error)) return `UNTYPED ${String((error as Error)?.name)}: ${String((error as Error)?.message)}`;
  const inner = innerOf(error);
  return inner === error ? error.name : `${error.name}<${nameOf(inner)}>`;
}

/** `BatchError<ServerError>` → `ServerError`. */
const innerName = (outcome: string) => /<(\w+)>$/.exec(outcome)?.[1] ?? outcome;
const short = (outcome: string) => outcome.replace(/Error\b/g, '');

async function observe(stage: Stage, call: Call, steps: readonly Step[]): Promise<Observed> {
  stage.chaos.plan(['ok']);
  const run = await call.prepare(stage.chaos.url);
  stage.chaos.plan(steps);
  stage.mirror.log.length = 0;
  const t0 = performance.now();
  let guard: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<never>((_, reject) => {
    guard = setTimeout(() => reject(new Error('HANG: no outcome within 4 attempts × timeout')), 4 * TIMEOUT + 2000);
  });
  try {
    const value = await Promise.race([run(), hung]);
    return { outcome: 'ok', requests: stage.chaos.log.length, ms: performance.now() - t0, value };
  } catch (error) {
    return { outcome: nameOf(error), requests: stage.chaos.log.length, ms: performance.now() - t0, error, inner: innerOf(error) };
  } finally {
    clearTimeout(guard);
  }
}

const cells = new Map<string, string>(); // `${client} ${label}` → fault → text
const cellKey = (call: Call, fault: Fault) => `${call.client} ${call.label}|${fault}`;

const stages = new Map<ClientName, Stage>();
let resourcesBefore: Record<string, number> = {};
let trap: ReturnType<typeof trapUnhandled>;

beforeAll(async () => {
  resourcesBefore = activeResources();
  trap = trapUnhandled();
  for (const client of Object.keys(FIXTURES) as ClientName[]) stages.set(client, await startStage(FIXTURES[client]()));
});

afterAll(async () => {
  for (const stage of stages.values()) await stage.close();
  printMatrix();
});

function printMatrix(): void {
  const columns = CALLS.map((c) => `${c.client} ${c.label}`);
  const lines = [
    '',
    '### Chaos matrix: fault × client call → outcome',
    '',
    'A cell reads "outcome when the fault happens once (requests the server saw) → outcome when it persists (requests)"; the',
    'second part is there only where the client retries. ✅ = as required; 🐞 = client bug, reported and reproduced in',
    `chaos/known-bugs/ (no test runs for that cell). Timeout per attempt ${TIMEOUT} ms, ${MAX_RETRIES} retries, retry delays 0.`,
    '',
    `| fault | ${columns.join(' | ')} |`,
    `| --- | ${columns.map(() => '---').join(' | ')} |`,
  ];
  for (const fault of FAULTS) {
    lines.push(`| ${fault} | ${CALLS.map((c) => cells.get(cellKey(c, fault)) ?? '❌ not run').join(' | ')} |`);
  }
  const all = [...cells.values()];
  const bugs = all.filter((c) => c.startsWith('🐞')).length;
  lines.push('', `${all.filter((c) => c.startsWith('✅')).length}/${FAULTS.length * CALLS.length} cells pass, ${bugs} known client bug(s)`, '');
  process.stdout.write(`${lines.join('\n')}\n`);
}

describe.each(CALLS)('$client $label', (call) => {
  let stage: Stage;
  let baseline: unknown;

  beforeAll(async () => {
    stage = stages.get(call.client) as Stage;
    const ok = await observe(stage, call, ['ok']);
    expect(ok.outcome).toBe('ok');
    baseline = ok.value;
    expect(await stage.chaos.drain()).toBe(0);
  });

  const faults = FAULTS.filter((f) => KNOWN_BUGS[cellKey(call, f)] === undefined);
  for (const f of FAULTS) {
    const bug = KNOWN_BUGS[cellKey(call, f)];
    if (bug !== undefined) cells.set(cellKey(call, f), `🐞 ${bug} (reported)`);
  }

  it.each(faults.map((f) => [f]))('%s', async (fault) => {
    const retried = retriedOn(call, fault);
    const final = expectedError(call, fault);
    const parts: string[] = [];
    // 1. A transient fault: the fault once, then the real answer.
    const transient = await observe(stage, call, [fault, 'ok']);
    if (retried) {
      expect(transient.outcome, String(transient.error)).toBe('ok');
      expect(transient.requests).toBe(2);
    } else {
      expect(innerName(transient.outcome), String(transient.error)).toBe(final);
      expect(transient.requests).toBe(1); // never retried: a write reaches the server once
    }
    // A success is the complete, real answer (never a partial body).
    if (transient.outcome === 'ok') expect(transient.value).toEqual(baseline);
    else expect(isBioHttpError(transient.error) && isBioHttpError(transient.inner)).toBe(true);
    expect(transient.ms).toBeLessThan(transient.requests * TIMEOUT + 1000);
    parts.push(`${short(transient.outcome)} (${transient.requests})`);
    if (call.write) expect(stage.chaos.log.filter((r) => r.method !== 'GET').length).toBeLessThanOrEqual(1);
    if (fault === 'redirect-cross-origin') {
      // The mirror (another origin) got the request, without credentials.
      expect(stage.mirror.log).toHaveLength(1);
      expect(JSON.stringify(stage.mirror.log[0]?.headers)).not.toContain(CANARY);
      expect(stage.mirror.log[0]?.headers.authorization).toBeUndefined();
      expect(stage.mirror.log[0]?.headers['x-molgenis-token']).toBeUndefined();
    }
    expect(await stage.chaos.drain(), 'sockets left open on the chaos server').toBe(0);
    expect(await stage.mirror.drain(), 'sockets left open on the mirror').toBe(0);

    // 2. The fault persists: retries run out, then a typed error — within the deadline.
    if (retried) {
      const persistent = await observe(stage, call, [fault]);
      expect(innerName(persistent.outcome), String(persistent.error)).toBe(final);
      expect(persistent.requests).toBe(MAX_RETRIES + 1);
      expect((persistent.inner as { attempts?: number }).attempts).toBe(MAX_RETRIES + 1);
      expect(persistent.ms).toBeLessThan((MAX_RETRIES + 1) * TIMEOUT + 1000);
      parts.push(`${short(persistent.outcome)} (${persistent.requests})`);
      expect(await stage.chaos.drain(), 'sockets left open on the chaos server').toBe(0);
    }
    expect(stage.unmatched()).toEqual([]);
    cells.set(cellKey(call, fault), `✅ ${parts.join(' → ')}`);
  });
});

describe('after the whole matrix', () => {
  it('left no unhandled rejection, no socket and no timer behind', async () => {
    for (const stage of stages.values()) await stage.close();
    stages.clear();
    trap.stop();
    expect(trap.errors).toEqual([]);
    expect(await leakedResources(resourcesBefore)).toEqual({});
  });
});
