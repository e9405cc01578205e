import { BadRequestError, isBioHttpError, NotFoundError, ServerError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { errorDetails, MolgenisBatchError } from '../../src/index.js';
import { client, fixture, useFixtureServer } from '../helpers.js';

const server = useFixtureServer();

describe('the three error shapes (and text/plain)', () => {
  it('classic {"errors":[{"message","code"}]} → the error class of its status, with serviceMessage and the code', async () => {
    server.use(fixture('errors'));
    const { m } = client();
    // An unknown attribute in q: MolgenisRSQLVisitor's UnknownAttributeException (D04), a 404.
    const error = (await m
      .get('demo_sightings', { q: 'colour==red', max: 100 })
      .toArray()
      .catch((e: unknown) => e)) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.status).toBe(404);
    expect(error.service).toBe('molgenis');
    expect(error.serviceMessage).toBe("Unknown attribute 'colour' of entity type 'Sightings'.");
    expect(errorDetails(error)).toEqual({ messages: ["Unknown attribute 'colour' of entity type 'Sightings'."], code: 'D04' });
  });

  it('a v2 batch write refused with the classic shape (v2 is not an ApiController) → BatchError with the cause', async () => {
    server.use(fixture('errors'));
    const { m } = client();
    const error = (await m.addAll('demo_bulk', [{}]).catch((e: unknown) => e)) as MolgenisBatchError;
    expect(error).toBeInstanceOf(MolgenisBatchError);
    expect(error.ids).toEqual([]);
    expect(error.failed).toEqual([{}]);
    const cause = error.errors[0]?.error as BadRequestError;
    expect(cause).toBeInstanceOf(BadRequestError);
    expect(cause.serviceMessage).toBe("The attribute 'id' of entity 'demo_bulk' can not be null.");
    expect(errorDetails(cause)).toEqual({ messages: ["The attribute 'id' of entity 'demo_bulk' can not be null."] });
  });

  it('an HTML page (proxy) → ServerError with the page title as serviceMessage', async () => {
    server.use(fixture('errors'));
    const { m, requests } = client();
    const error = (await m.getById('demo_sightings', '151').catch((e: unknown) => e)) as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expect(error.status).toBe(502);
    expect(error.serviceMessage).toBe('502 Bad Gateway');
    expect(errorDetails(error)?.messages).toEqual(['502 Bad Gateway']);
    expect(requests).toHaveLength(1); // retry: 0 in tests
  });

  it('text/plain from the import wizard → BadRequestError with the text', async () => {
    server.use(fixture('errors'));
    const { m } = client();
    const error = (await m
      .uploadZip(new File(['##fileformat=VCFv4.1'], 'demo_sightings.vcf'), { packageId: 'demo_missing' })
      .catch((e: unknown) => e)) as BadRequestError;
    expect(error).toBeInstanceOf(BadRequestError);
    expect(isBioHttpError(error)).toBe(true);
    expect(error.serviceMessage).toBe('Package [demo_missing] does not exist.');
  });
});
