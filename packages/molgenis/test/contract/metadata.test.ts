import { NotFoundError, ValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { errorDetails } from '../../src/index.js';
import { client, fixture, useFixtureServer } from '../helpers.js';

const server = useFixtureServer();
const E = 'demo_sightings';

describe('metadata', () => {
  it('getEntityMetaData reads v1 meta with expand=attributes', async () => {
    server.use(fixture('metadata'));
    const { m, requests } = client();
    const meta = await m.getEntityMetaData(E);
    expect(meta.idAttribute).toBe('id');
    expect(meta.labelAttribute).toBe('type');
    expect(meta.attributes.year?.fieldType).toBe('INT');
    expect(meta.attributes.reports?.fieldType).toBe('ONE_TO_MANY');
    expect(new URL(requests[0]?.url ?? '').searchParams.get('expand')).toBe('attributes');
  });

  it('getAttributeMetaData reads v1 meta/<attr>', async () => {
    server.use(fixture('metadata'));
    const { m } = client();
    const attr = await m.getAttributeMetaData(E, 'year');
    expect(attr).toMatchObject({ name: 'year', fieldType: 'INT', label: 'Year of sighting' });
    await expect(m.getAttributeMetaData(E, '')).rejects.toThrow(ValidationError);
  });

  it('getMeta reads the Metadata API v3 and returns data', async () => {
    server.use(fixture('metadata'));
    const { m } = client();
    const meta = await m.getMeta(E);
    expect(meta).toMatchObject({ id: E, idAttribute: 'id', labelAttribute: 'type' });
  });

  it('getMeta of an unknown entity: problem+json → NotFoundError with detail and errorCode', async () => {
    server.use(fixture('errors'));
    const { m } = client();
    const error = (await m.getMeta('demo_unknown').catch((e: unknown) => e)) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.serviceMessage).toBe("Unknown entity type 'demo_unknown'.");
    expect(errorDetails(error)).toMatchObject({ code: 'D01', problem: { title: 'Unknown entity type', status: 404 } });
  });
});
