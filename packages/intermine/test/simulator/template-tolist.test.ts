// `/template/tolist` for a template name the mine does not know: TemplateToListService.getQuery
// reads the new view (`path`, "new view string is blank" when missing), then asks
// TemplateManager.getUserOrGlobalTemplate, which answers null, and calls makePath on it. The
// NullPointerException reaches WebService.sendError: a 500 in the service's JSON output, its
// message replaced outside dev mode, and no list header (that is only set on success).
import { isServerError } from '@bio/core-http';
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

describe('client: saving a run of a template the mine no longer has', () => {
  it('is a ServerError 500 that names the template and says why', async () => {
    const mine = client({ token });
    const t = await mine.template('Gene_Pathways');
    delete sim.state.templates.Gene_Pathways;
    const error = await t.saveAsList({ A: 'eve' }, { name: 'eve-pathways' }).catch((e: unknown) => e);
    expect(isServerError(error)).toBe(true);
    expect(error).toMatchObject({ status: 500, serviceMessage: 'Service failed. Please contact support.' });
    expect((error as Error).message).toContain('no template called "Gene_Pathways"');
    expect((error as Error).message).not.toContain(token);
  });
});
