// `GET /lists?name=` is a filter on the server (AvailableListsService.getListsMatching): it trims
// the name and reads a leading or trailing `*` as a wildcard, so a 200 may hold other lists.
// `mine.lists.get(name)` must return the list with exactly that name, or a 404, never another one.
import { NotFoundError } from '@bio/core-http';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { ROOT, testMine, useFixtureServer } from './setup.js';

const server = useFixtureServer();

function listsAnswer(names: string[]) {
  const lists = names.map((name, i) => ({
    id: 1000 + i,
    name,
    title: name,
    type: 'Gene',
    size: 1,
    description: '',
    status: 'CURRENT',
    authorized: false,
    tags: [],
  }));
  return HttpResponse.json({ lists, executionTime: '2026.12.07 00:00::00', wasSuccessful: true, error: null, statusCode: 200 });
}

describe('lists.get: the exact name only', () => {
  it('is a NotFoundError when the filter matched only other lists', async () => {
    server.use(http.get(`${ROOT}/service/lists`, () => listsAnswer(['demo-list', 'demo-pathways'])));
    const { mine } = testMine();
    const error = await mine.lists.get('demo*').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain('demo-list, demo-pathways');
  });

  it('keeps the server’s own status: 200 when its filter matched only other lists', async () => {
    server.use(http.get(`${ROOT}/service/lists`, () => listsAnswer(['demo-list'])));
    const { mine } = testMine();
    const error = await mine.lists.get('demo*').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 200, method: 'GET' });
    expect((error as Error).message).toContain('there is no list called "demo*"');
  });

  it('says the list does not exist when the server answers 404, keeping its status and words', async () => {
    server.use(
      http.get(`${ROOT}/service/lists`, () =>
        HttpResponse.json({ executionTime: '2026.12.07 00:00::00', wasSuccessful: false, error: 'No lists matched nope', statusCode: 404 }, { status: 404 }),
      ),
    );
    const { mine } = testMine();
    const error = await mine.lists.get('nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, serviceMessage: 'No lists matched nope' });
    expect((error as Error).message).toContain('there is no list called "nope"');
    expect((error as Error).message).toContain('404: No lists matched nope');
  });

  it('picks the exact (trimmed) name among several', async () => {
    server.use(http.get(`${ROOT}/service/lists`, () => listsAnswer(['demo-pathways', 'demo-list'])));
    const { mine } = testMine();
    expect((await mine.lists.get('demo-list')).name).toBe('demo-list');
    expect((await mine.lists.get(' demo-list ')).name).toBe('demo-list');
  });
});
