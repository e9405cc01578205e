// A MOLGENIS session with @bio/molgenis: log in, query with RSQL, add one row, add many,
// update a cell, delete a row, import an EMX zip (waiting for the import run), log out.
//
// Run against a server:  MOLGENIS_URL=https://molgenis.example.org MOLGENIS_USER=… MOLGENIS_PASSWORD=… \
//                        pnpm tsx examples/molgenis-session.ts path/to/demo_sightings.zip
// The test packages/molgenis/test/contract/session-example.test.ts runs it against recorded fixtures.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Molgenis, type MolgenisOptions } from '@bio/molgenis';
import { and, eq, ge, lt, or } from '@bio/rsql';

/** What one session did. */
export interface SessionSummary {
  user: string;
  /** Individuals matching (weight ≥ 80 and height < 180) or gender Female. */
  matches: string[];
  personId: string;
  sightingIds: string[];
  importStatus: string;
  importedEntities: string | undefined;
}

/**
 * Runs the whole session and returns what happened.
 *
 * @example
 * ```ts
 * const summary = await runSession({ baseUrl: 'https://molgenis.example.org' }, 'admin', 'secret', zipBytes);
 * ```
 */
export async function runSession(
  options: MolgenisOptions,
  username: string,
  password: string,
  zip: { name: string; data: Uint8Array },
  interval = 2000,
): Promise<SessionSummary> {
  const m = new Molgenis(options);
  const { username: user } = await m.login(username, password);
  try {
    // RSQL built with @bio/rsql: no string concatenation, values encoded for the URL by the client.
    const q = or(and(ge('celiac_weight', 80), lt('celiac_height', 180)), eq('celiac_gender', 'Female'));
    // A lazy Paged: toArray({ max }) reads at most 100 rows (one request).
    const rows = await m
      .get<{ Individual: string }>('celiacsprue', { q, attributes: ['Individual', 'celiac_weight', 'celiac_height', 'celiac_gender'] })
      .toArray({ max: 100 });

    const personId = await m.add('Person', { firstName: 'Jan', lastName: 'Klaassen' });

    // Any number of rows: sent in batches of ≤ 1000; a failure says which rows are written.
    const sightingIds = await m.addAll('demo_sightings', [
      { id: '157', type: 'gnome', year: '1998' },
      { id: '158', type: 'fairy', year: '1998' },
      { id: '159', type: 'unicorn', year: '1998' },
    ]);
    await m.updateOne('demo_sightings', '157', 'type', 'unicorn');
    await m.delete('demo_sightings', '159');

    const job = await m.uploadZip(zip, { action: 'add_update_existing', metadataAction: 'upsert', interval });
    return {
      user,
      matches: rows.map((r) => r.Individual),
      personId,
      sightingIds,
      importStatus: job.status,
      importedEntities: job.run?.importedEntities,
    };
  } finally {
    await m.logout();
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [zipPath] = process.argv.slice(2);
  const { MOLGENIS_URL, MOLGENIS_USER, MOLGENIS_PASSWORD } = process.env;
  if (!zipPath || !MOLGENIS_URL || !MOLGENIS_USER || !MOLGENIS_PASSWORD) {
    console.error('usage: MOLGENIS_URL=… MOLGENIS_USER=… MOLGENIS_PASSWORD=… tsx examples/molgenis-session.ts <emx.zip>');
    process.exit(2);
  }
  const data = new Uint8Array(await readFile(zipPath));
  console.log(await runSession({ baseUrl: MOLGENIS_URL }, MOLGENIS_USER, MOLGENIS_PASSWORD, { name: basename(zipPath), data }));
}
