// `/template/tolist` for a template name the mine does not know: TemplateToListService.getQuery
// reads the new view (`path`, "new view string is blank" when missing), then asks
// TemplateManager.getUserOrGlobalTemplate, which answers null, and calls makePath on it. The
// NullPointerException reaches WebService.sendError: a 500 in the service's JSON output, its
// message replaced outside dev mode, and no list header (that is only set on success).
import { isValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { client, ROOT, useSimulatorServer } from './setup.js';

const { sim } = useSimulatorServer();
const token = sim.users[0]!.token;

async function tolist(form: Record<string, string>): Promise<[number, string | null, Record<string, unknown>]> {
  const response = await fetch(`${ROOT}/service/template/tolist`, {
    method: 'POST',
    body: new URLSearchParams(form),
    headers: { authorization: `Token ${token}` },
  });
  return [response.status, response.headers.get('content-type'), (await response.json()) as Record<string, unknown>];
}

describe('simulator: /template/tolist for an unknown template', () => {
  it('is a 500 in JSON with the generic message and no list keys', async () => {
    const [status, type, body] = await tolist({ name: 'No_Such_Template', listName: 'x', path: 'Gene', constraint1: 'Gene', op1: 'LOOKUP', value1: 'eve' });
    expect([status, type]).toEqual([500, 'application/json;charset=UTF-8']);
    expect(body).toEqual({ executionTime: expect.any(String), wasSuccessful: false, error: 'Service failed. Please contact support.', statusCode: 500 });
    expect(sim.state.lists.has('x')).toBe(false);
  });

  it('checks the new view before the template: a blank path is a 400 even for an unknown name', async () => {
    const [status, , body] = await tolist({ name: 'No_Such_Template', listName: 'x' });
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'new view string is blank', statusCode: 400 });
  });
});

describe('simulator: /template/tolist names the list as ListInput does', () => {
  it('after the template, whatever listName says: `name` is read first, and here it is the template’s', async () => {
    const [status, , body] = await tolist({ name: 'Gene_Pathways', listName: 'eve-pathways', path: 'Gene', constraint1: 'Gene', op1: 'LOOKUP', value1: 'eve' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ listName: 'Gene_Pathways', listSize: 1 });
    expect(sim.state.lists.has('eve-pathways')).toBe(false);
  });
});

describe('client: Template.saveAsList goes through /query/tolist', () => {
  it('names the list as asked, and works after the mine dropped the template', async () => {
    const mine = client({ token });
    const t = await mine.template('Gene_Pathways');
    delete sim.state.templates.Gene_Pathways;
    const list = await t.saveAsList({ A: 'eve' }, { name: 'eve-pathways', path: 'Gene.pathways' });
    expect(list.toJSON()).toMatchObject({ name: 'eve-pathways', type: 'Pathway', size: 3 });
    expect(sim.requests.map((r) => r.url.pathname).filter((p) => p.endsWith('/tolist'))).toEqual(['/flymine/service/query/tolist']);
    // The list's class comes from the model the prepared query is bound to: no request after the list's.
    expect(sim.requests.at(-1)!.url.pathname).toBe('/flymine/service/query/tolist');
  });

  it('refuses an attribute path before the list request', async () => {
    const mine = client({ token });
    const t = await mine.template('Gene_Pathways');
    const error = await t.saveAsList({ A: 'eve' }, { name: 'x', path: 'symbol' }).catch((e: unknown) => e);
    expect(isValidationError(error)).toBe(true);
    expect(sim.requests.some((r) => r.url.pathname.endsWith('/tolist'))).toBe(false);
  });
});
