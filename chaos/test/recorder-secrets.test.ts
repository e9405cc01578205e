// The recorder learns secrets across a whole session: a credential sent in a request header it
// does not record, or learned in an earlier exchange (a login's {"token": …}), is redacted from
// every later exchange, e.g. a response body that echoes it.
import { type FixtureExchange, recordingFetch } from '@bio/core-http/testing';
import { Molgenis } from '@bio/molgenis';
import { expect, it } from 'vitest';
import { startSecretServer } from '../src/secret-server.js';

it('a token echoed by the server never reaches a recorded fixture (default recorder options)', async () => {
  const token = 'CANARYrecorderTok3n';
  const server = await startSecretServer({ molgenisToken: token, sessionCookie: 's', csrfToken: 'c' });
  try {
    const exchanges: FixtureExchange[] = [];
    const m = new Molgenis({ baseUrl: server.url, retry: 0, timeout: 2000, fetch: recordingFetch({ onExchange: (e) => exchanges.push(e) }) });
    await m.login('admin', 'password');
    server.mode = 'echo-500';
    await m.getById('demo_sightings', '1').catch(() => undefined);
    expect(exchanges).toHaveLength(2);
    expect(JSON.stringify(exchanges)).not.toContain(token);
  } finally {
    await server.close();
  }
});
