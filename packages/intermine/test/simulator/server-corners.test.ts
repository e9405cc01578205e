// Corners of /query/results and /template/results where the simulator must answer as the server
// source does: paging limits (WebServiceRequestParser.parseInteger), the format an answer and its
// early error take (WebService.getFormat, FlatFileFormatter), and how a template run pairs the
// request's constraint groups with the template (Templates.getValuesFromInput, TemplatePopulator).
import { isBadRequestError, isNotFoundError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { client, ROOT, useSimulator } from './setup.js';

const RESULTS = `${ROOT}/service/query/results`;
const TEMPLATE = `${ROOT}/service/template/results`;
const EVE = '<query model="genomic" view="Gene.symbol"><constraint path="Gene.symbol" op="=" value="eve" code="A"/></query>';
const NO_SUCH_LIST = '<query model="genomic" view="Gene.symbol"><constraint path="Gene" op="IN" value="no-such-list" code="A"/></query>';

function post(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', body: new URLSearchParams(form), headers });
}

async function jsonError(response: Response): Promise<unknown> {
  return { status: response.status, error: ((await response.json()) as { error: unknown }).error };
}

describe('simulator: paging parameters', () => {
  useSimulator();

  it('refuses size 0, a negative start, a size over 10,000,000 and a non-integer, quoting the raw value', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ size: '0' }, 'Invalid size parameter: 0'],
      [{ start: '-1' }, 'Invalid start parameter: -1'],
      [{ size: '10000001' }, 'Invalid size parameter: 10000001'],
      [{ size: '1.5' }, 'Invalid size parameter: 1.5'],
      [{ start: '1e3' }, 'Invalid start parameter: 1e3'],
    ];
    for (const [paging, error] of cases) {
      expect(await jsonError(await post(RESULTS, { query: EVE, format: 'json', ...paging }))).toEqual({ status: 400, error });
    }
    // The largest size is accepted; so is a count request, which reads the same parameters.
    expect((await post(RESULTS, { query: EVE, format: 'json', size: '10000000' })).status).toBe(200);
    expect(await jsonError(await post(RESULTS, { query: EVE, format: 'jsoncount', size: '0' }))).toEqual({ status: 400, error: 'Invalid size parameter: 0' });
  });

  it('reads start and size before the query, and names a blank query as the server does', async () => {
    expect(await jsonError(await post(RESULTS, { format: 'json', size: '0' }))).toEqual({ status: 400, error: 'Invalid size parameter: 0' });
    expect(await jsonError(await post(RESULTS, { format: 'json' }))).toEqual({ status: 400, error: "The 'query' parameter must not be blank" });
    expect(await jsonError(await post(TEMPLATE, { name: 'Gene_Pathways', format: 'json', size: '0' }))).toEqual({
      status: 400,
      error: 'Invalid size parameter: 0',
    });
  });
});

describe('simulator: result formats and their errors', () => {
  useSimulator();

  it('answers TSV when no format is asked for (or only */*), JSON for an Accept of application/json', async () => {
    for (const headers of [{}, { accept: '*/*' }]) {
      const r = await post(RESULTS, { query: EVE }, headers);
      expect(r.headers.get('content-type')).toBe('text/tab-separated-values;charset=UTF-8');
      expect(await r.text()).toBe('eve\n');
    }
    const json = await post(RESULTS, { query: EVE }, { accept: 'application/json' });
    expect(((await json.json()) as { results: unknown }).results).toEqual([['eve']]);
    // An unknown format is skipped for the next acceptable one; with none left, 406 and no body.
    const skipped = await post(RESULTS, { query: EVE, format: 'yaml' }, { accept: 'text/comma-separated-values' });
    expect(await skipped.text()).toBe('"eve"\n');
    const refused = await post(RESULTS, { query: EVE, format: 'yaml' }, { accept: 'application/x-yaml' });
    expect(refused.status).toBe(406);
    expect(await refused.text()).toBe('');
  });

  it('writes an early error of a flat request as an [ERROR] line in that format, not as JSON', async () => {
    const tsv = await post(RESULTS, { query: NO_SUCH_LIST, format: 'tsv' });
    expect(tsv.status).toBe(400);
    expect(tsv.headers.get('content-type')).toBe('text/tab-separated-values;charset=UTF-8');
    expect(await tsv.text()).toBe('[ERROR] 400 XML is well formatted but query contains errors:\nYou do not have access to a list called no-such-list.\n');
    const csv = await post(RESULTS, { query: EVE, format: 'csv', size: '0' });
    expect([csv.status, csv.headers.get('content-type'), await csv.text()]).toEqual([
      400,
      'text/comma-separated-values;charset=UTF-8',
      '[ERROR] 400 Invalid size parameter: 0',
    ]);
    const count = await post(TEMPLATE, { name: 'No_Such_Template', format: 'count' });
    expect([count.status, count.headers.get('content-type'), await count.text()]).toEqual([
      404,
      'text/plain;charset=UTF-8',
      "[ERROR] 404 You do not have access to a template called 'No_Such_Template' in this mine.",
    ]);
    // A JSON count carries no "results" key (JSONCountFormatter writes none).
    expect(await (await post(RESULTS, { query: NO_SUCH_LIST, format: 'jsoncount' })).json()).not.toHaveProperty('results');
  });

  it('lets the client read the message of a refused TSV export', async () => {
    const mine = client();
    const lines = async (): Promise<string[]> => {
      const out: string[] = [];
      for await (const line of mine.tsv(mine.query('Gene').select('symbol').where('Gene', 'IN', 'no-such-list'))) out.push(line);
      return out;
    };
    const error = await lines().catch((e: unknown) => e);
    expect(isBadRequestError(error)).toBe(true);
    expect((error as { serviceMessage: string }).serviceMessage).toContain('You do not have access to a list called no-such-list');
  });
});

describe('simulator: template runs', () => {
  const sim = useSimulator();
  const run = (form: Record<string, string>) => post(TEMPLATE, { name: 'Gene_Pathways', format: 'json', ...form });
  const rows = async (form: Record<string, string>) => ((await (await run(form)).json()) as { results: string[][] }).results;

  it('refuses a run without a value for a required (LOCKED) editable constraint', async () => {
    expect(await jsonError(await run({}))).toEqual({
      status: 400,
      error: "There isn't a specified constraint value and operation for path Gene in the request; this constraint is required.",
    });
    expect(await jsonError(await run({ constraint1: 'Gene', value1: 'eve' }))).toEqual({
      status: 400,
      error: "parameters were provided for constraint 1 but the operation was not specified. Missing parameter 'op1'.",
    });
  });

  it('pairs values by path, reading the code only where a path has several editable constraints', async () => {
    // Gene_Pathways has one editable constraint on Gene (code A): a wrong code does not matter.
    const zen = await rows({ constraint1: 'Gene', op1: 'LOOKUP', value1: 'zen', code1: 'Q' });
    expect(zen.map((r) => r[0])).toEqual(['zen', 'zen']);
    // A group for a path with no editable constraint is never read.
    expect(await rows({ constraint1: 'Gene', op1: 'LOOKUP', value1: 'zen', constraint2: 'Gene.length', op2: '>', value2: '1' })).toEqual(zen);
  });

  it('drops an optional editable constraint that is switched on but not given', async () => {
    const template = sim.state.templates.Gene_Pathways as { where: { code: string; switched: string }[] };
    template.where.find((w) => w.code === 'B')!.switched = 'ON';
    // B (pathway name CONTAINS "signal") is on, yet a run that leaves it out is not filtered by it.
    const eve = await rows({ constraint1: 'Gene', op1: 'LOOKUP', value1: 'eve' });
    expect(eve.length).toBe(3);
    expect(await jsonError(await post(TEMPLATE, { format: 'json' }))).toEqual({ status: 400, error: 'Missing required parameter: name' });
  });
});

describe('simulator: GET /lists?name=', () => {
  useSimulator();
  const LISTS = `${ROOT}/service/lists`;
  const names = async (filter: string) =>
    ((await (await fetch(`${LISTS}?name=${encodeURIComponent(filter)}`)).json()) as { lists: { name: string }[] }).lists.map((l) => l.name);

  it('reads a leading or trailing * as a wildcard and trims the name', async () => {
    expect(await names('demo*')).toEqual(['demo-list', 'demo-pathways']);
    expect(await names('*list')).toEqual(['demo-list']);
    expect(await names('*-path*')).toEqual(['demo-pathways']);
    expect(await names(' demo-list ')).toEqual(['demo-list']);
    expect((await names('')).length).toBeGreaterThanOrEqual(2);
  });

  it('answers 404 "No lists matched <name>" with no "lists" key when nothing matches', async () => {
    const r = await fetch(`${LISTS}?name=no-such*`);
    expect(r.status).toBe(404);
    const body = (await r.json()) as Record<string, unknown>;
    expect(body.error).toBe('No lists matched no-such*');
    expect(body).not.toHaveProperty('lists');
  });

  it('lets the client find a list by exact name only: another list matched by a wildcard is a NotFoundError with the server’s 200', async () => {
    const mine = client();
    expect((await mine.lists.get('demo-list')).name).toBe('demo-list');
    const error = await mine.lists.get('demo*').catch((e: unknown) => e);
    expect(isNotFoundError(error)).toBe(true);
    // The simulator answered 200 (the wildcard matched demo-list and demo-pathways): so does the error.
    expect(error).toMatchObject({ status: 200 });
    const missing = await mine.lists.get('no-such-list').catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404, serviceMessage: 'No lists matched no-such-list' });
    expect((missing as Error).message).toContain('there is no list called "no-such-list"');
  });
});
