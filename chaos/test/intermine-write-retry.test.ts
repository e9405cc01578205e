// List writes are never retried, whatever retry policy the client has for reads: a read policy
// naming POST must not resend a list creation after a 503 (the list could be created twice).
import { InterMine } from '@bio/intermine';
import { fixtures } from '@bio/intermine/testing';
import { expect, it } from 'vitest';
import { startStage } from '../src/harness.js';

it('lists.create is sent once even when the read retry policy names POST', async () => {
  const stage = await startStage(fixtures());
  try {
    const mine = new InterMine({ baseUrl: `${stage.chaos.url}/flymine/service`, retry: { limit: 3, delay: 0, methods: ['GET', 'POST'] }, timeout: 1000 });
    stage.chaos.plan(['503', 'ok']);
    await mine.lists
      .create(['eve', 'zen', 'not-a-gene'], {
        name: 'my-genes',
        type: 'Gene',
        description: 'three fly genes',
        tags: ['demo', 'fly'],
        organism: 'D. melanogaster',
      })
      .catch(() => undefined);
    expect(stage.chaos.log.filter((r) => r.method === 'POST')).toHaveLength(1);
  } finally {
    await stage.close();
  }
});
