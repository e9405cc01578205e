// Authentication corners of WebService.service: an empty `token=` is no token, so the
// Authorization header counts (WebService.authenticate tests StringUtils.isEmpty); and a bad token
// is refused through the output initOutput already chose from the request's format, so a flat
// request (TSV, CSV, text, a FASTA/GFF3/BED export) gets a flat `[ERROR] <code> <message>` body
// (FlatFileFormatter / PlainFormatter.formatFooter), not JSON.
import { isUnauthorizedError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { client, ROOT, useSimulator } from './setup.js';

const SERVICE = `${ROOT}/service`;
const BAD = 'This token is not a valid access key: nope';
const EVE = '<query model="genomic" view="Gene.primaryIdentifier"><constraint path="Gene.symbol" op="=" value="eve" code="A"/></query>';
const REGIONS = JSON.stringify({ organism: 'D. melanogaster', featureTypes: ['Gene'], regions: ['2R:9979319..9980796'] });

async function answer(response: Response): Promise<[number, string | null, string]> {
  return [response.status, response.headers.get('content-type'), await response.text()];
}

function get(path: string, query: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${SERVICE}/${path}?${new URLSearchParams(query)}`, { headers });
}

function post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${SERVICE}/${path}`, { method: 'POST', body: new URLSearchParams(form), headers });
}

describe('simulator: an empty token parameter', () => {
  const sim = useSimulator();

  it('is no token: the Authorization header is read instead', async () => {
    const [demo] = sim.users;
    const me = await get('user/whoami', { token: '' }, { authorization: `Token ${demo!.token}` });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { username: demo!.username } });
    expect(await answer(await get('lists', { token: '', format: 'tab' }, { authorization: 'Token nope' }))).toEqual([
      401,
      'text/tab-separated-values;charset=UTF-8',
      `[ERROR] 401 ${BAD}`,
    ]);
  });

  it('with no header either, is an anonymous request', async () => {
    expect((await get('lists', { token: '' })).status).toBe(200);
  });
});

describe('simulator: a bad token on a service that writes a flat format', () => {
  useSimulator();

  it('is an [ERROR] line for GET /lists as TSV, CSV or text, asked for by format or Accept', async () => {
    expect(await answer(await get('lists', { format: 'tab', token: 'nope' }))).toEqual([401, 'text/tab-separated-values;charset=UTF-8', `[ERROR] 401 ${BAD}`]);
    expect(await answer(await get('lists', { format: 'csv' }, { authorization: 'Token nope' }))).toEqual([
      401,
      'text/comma-separated-values;charset=UTF-8',
      `[ERROR] 401 ${BAD}`,
    ]);
    expect(await answer(await get('lists', { format: 'text', token: 'nope' }))).toEqual([401, 'text/plain;charset=UTF-8', `[ERROR] 401 ${BAD}`]);
    expect(await answer(await get('lists', { token: 'nope' }, { accept: 'text/tab-separated-values' }))).toEqual([
      401,
      'text/tab-separated-values;charset=UTF-8',
      `[ERROR] 401 ${BAD}`,
    ]);
    // AvailableListsService cannot serve XML: NotAcceptableException before there is an output.
    expect(await answer(await get('lists', { format: 'xml', token: 'nope' }))).toEqual([406, null, '']);
    // Its default is JSON.
    expect(await (await get('lists', { token: 'nope' })).json()).toMatchObject({ error: BAD, statusCode: 401, wasSuccessful: false });
  });

  it('is an [ERROR] line in the export’s own content type for FASTA, GFF3 and BED of a query', async () => {
    expect(await answer(await post('query/results/fasta', { query: EVE, token: 'nope' }))).toEqual([401, 'text/x-fasta', `[ERROR] 401 ${BAD}`]);
    expect(await answer(await post('query/results/gff3', { query: EVE }, { authorization: 'Token nope' }))).toEqual([401, 'text/x-gff3', `[ERROR] 401 ${BAD}`]);
    expect(await answer(await post('query/results/bed', { query: EVE, token: 'nope' }))).toEqual([401, 'text/x-ucsc-bed', `[ERROR] 401 ${BAD}`]);
    // BioQueryService serves only its default format (WebService.canServe): JSON is not acceptable.
    expect(await answer(await post('query/results/fasta', { query: EVE, token: 'nope' }, { accept: 'application/json' }))).toEqual([406, null, '']);
  });

  it('is an [ERROR] line for the region exports, or text when asked for (ListMakerService.canServe)', async () => {
    expect(await answer(await post('regions/fasta', { query: REGIONS, token: 'nope' }))).toEqual([401, 'text/x-fasta', `[ERROR] 401 ${BAD}`]);
    expect(await answer(await post('regions/sequence', { query: REGIONS, token: 'nope' }))).toEqual([401, 'text/x-fasta', `[ERROR] 401 ${BAD}`]);
    expect(await answer(await post('regions/gff3', { query: REGIONS, token: 'nope' }))).toEqual([401, 'text/x-gff3', `[ERROR] 401 ${BAD}`]);
    expect(await answer(await post('regions/bed', { query: REGIONS, token: 'nope' }))).toEqual([401, 'text/x-ucsc-bed', `[ERROR] 401 ${BAD}`]);
    expect(await answer(await post('regions/bed', { query: REGIONS, format: 'text', token: 'nope' }))).toEqual([
      401,
      'text/plain;charset=UTF-8',
      `[ERROR] 401 ${BAD}`,
    ]);
    // A format named but unknown is UNKNOWN, which ListMakerService.canServe refuses.
    expect(await answer(await post('regions/fasta', { query: REGIONS, format: 'fasta', token: 'nope' }))).toEqual([406, null, '']);
  });

  it('is an [ERROR] line for the text of /version, /query/code and /path/values, JSON when asked', async () => {
    expect(await answer(await get('version', { token: 'nope' }))).toEqual([401, 'text/plain;charset=UTF-8', `[ERROR] 401 ${BAD}`]);
    expect(await answer(await get('version/release', { token: 'nope' }))).toEqual([401, 'text/plain;charset=UTF-8', `[ERROR] 401 ${BAD}`]);
    expect(await (await get('version', { format: 'json', token: 'nope' })).json()).toMatchObject({ error: BAD, statusCode: 401 });
    expect(await answer(await post('query/code', { query: EVE, lang: 'py', token: 'nope' }))).toEqual([401, 'text/plain;charset=UTF-8', `[ERROR] 401 ${BAD}`]);
    expect(await answer(await get('path/values', { path: 'Gene.symbol', format: 'text', token: 'nope' }))).toEqual([
      401,
      'text/plain;charset=UTF-8',
      `[ERROR] 401 ${BAD}`,
    ]);
    expect(await (await get('path/values', { path: 'Gene.symbol', token: 'nope' })).json()).toMatchObject({ error: BAD, statusCode: 401 });
  });

  it('reaches the client as an unauthorized error with the server’s message', async () => {
    const mine = client({ token: 'nope' });
    let error: unknown;
    try {
      for await (const _ of mine.fasta(mine.query('Gene').select('primaryIdentifier').where('symbol', '=', 'eve'))) {
        // no line is expected
      }
    } catch (e) {
      error = e;
    }
    expect(isUnauthorizedError(error)).toBe(true);
    // The client redacts its own token from the message.
    expect((error as { serviceMessage?: string }).serviceMessage).toBe('This token is not a valid access key: [REDACTED]');
  });
});
