// The built-in dataset: the entity types and ids the fixtures and the README use
// (demo_sightings 151–155, celiacsprue, Person, Plot, demo_notes, demo_private, hospitals), and
// the documented users.
import type { SeedEntity, SeedEntityMeta, SimRow, SimulatedUser } from './types.js';

/**
 * The users of a fresh simulator. `admin`/`admin` may do everything; `tfa-user` and `new-user`
 * are refused by `/api/v1/login` (two-factor authentication; password reset), as MOLGENIS does.
 */
export function builtinUsers(): Record<string, SimulatedUser> {
  return {
    admin: { password: 'admin', firstname: 'Ada', lastname: 'Admin' },
    'data-manager': { password: 'dm-secret', firstname: 'Dana', lastname: 'Manager' },
    'tfa-user': { password: 'tfa-secret', twoFactor: true },
    'new-user': { password: 'initial-secret', passwordReset: true },
  };
}

/** The `celiacsprue` rows, one a line: Individual, gender, weight (kg), height (cm). */
const CELIAC = `
  celiac_0001  Male    72.4  181.0
  celiac_0002  Male    68.0  175.5
  celiac_0003  Male    85.1  186.2
  celiac_0004  Male    77.7  179.0
  celiac_0005  Male    95.0  190.3
  celiac_0006  Male    66.2  171.8
  celiac_0007  Female  64.0  170.0
  celiac_0008  Male    79.9  178.4
  celiac_0009  Male    88.0  183.0
  celiac_0010  Male    70.5  169.9
  celiac_0011  Male    74.0  182.5
  celiac_0012  Male    91.3  177.2
  celiac_0031  Female  58.9  183.4
`;

/** {@link CELIAC} as rows (parsed on each call, so a fresh state gets fresh rows). */
function celiacRows(): SimRow[] {
  return CELIAC.trim()
    .split('\n')
    .map((line) => {
      const [Individual, celiac_gender, weight, height] = line.trim().split(/\s+/);
      return { Individual, celiac_gender, celiac_weight: Number(weight), celiac_height: Number(height) };
    });
}

/** A built-in entity type: its metadata but for the attributes, its attributes, and its rows. */
function entity(head: Omit<SeedEntityMeta, 'attributes'>, attributes: SeedEntityMeta['attributes'], rows: SimRow[] = []): SeedEntity {
  return { meta: { ...head, attributes }, rows };
}

/** The built-in entity types, in the seed shape (a fresh copy on each call). */
export function builtinEntities(): Record<string, SeedEntity> {
  return {
    celiacsprue_gender: entity(
      { label: 'Gender', package: 'base', idAttribute: 'id', labelAttribute: 'label' },
      { id: { fieldType: 'STRING' }, label: { fieldType: 'STRING', label: 'Label' } },
      [
        { id: 'Male', label: 'Male' },
        { id: 'Female', label: 'Female' },
      ],
    ),
    celiacsprue: entity(
      { label: 'Celiac sprue', description: 'Celiac sprue example data set', package: 'base', idAttribute: 'Individual', labelAttribute: 'Individual' },
      {
        Individual: { fieldType: 'STRING' },
        celiac_gender: { fieldType: 'CATEGORICAL', refEntity: 'celiacsprue_gender', label: 'Gender' },
        celiac_weight: { fieldType: 'DECIMAL', label: 'Weight (kg)' },
        celiac_height: { fieldType: 'DECIMAL', label: 'Height (cm)' },
      },
      celiacRows(),
    ),
    demo_sightings: entity(
      { label: 'Sightings', description: 'Sightings of mythical creatures', package: 'demo', idAttribute: 'id', labelAttribute: 'type' },
      {
        id: { fieldType: 'STRING' },
        type: { fieldType: 'STRING', label: 'Type of creature' },
        year: { fieldType: 'INT', label: 'Year of sighting' },
        reports: { fieldType: 'ONE_TO_MANY', refEntity: 'demo_reports', mappedBy: 'sighting', label: 'Reports' },
      },
      [
        { id: '151', type: 'gnome', year: 1996 },
        { id: '152', type: 'fairy', year: 1996 },
        { id: '153', type: 'troll', year: 1997 },
        { id: '154', type: 'unicorn', year: 1997 },
        { id: '155', type: 'kelpie', year: 1997 },
      ],
    ),
    demo_reports: entity(
      { label: 'Reports', package: 'demo', idAttribute: 'id', labelAttribute: 'text' },
      {
        id: { fieldType: 'STRING' },
        sighting: { fieldType: 'XREF', refEntity: 'demo_sightings', label: 'Sighting' },
        text: { fieldType: 'TEXT', label: 'Report' },
      },
      [
        { id: 'r1', sighting: '151', text: 'A gnome in the garden' },
        { id: 'r2', sighting: '153', text: 'A troll under the bridge' },
      ],
    ),
    demo_notes: entity(
      { label: 'Notes', package: 'demo', idAttribute: 'id', labelAttribute: 'title' },
      { id: { fieldType: 'STRING' }, title: { fieldType: 'STRING', label: 'Title' } },
      [{ id: 'n1', title: 'C++ & more' }],
    ),
    demo_private: { ...entity({ label: 'Private', package: 'demo', idAttribute: 'id' }, { id: { fieldType: 'STRING' } }, [{ id: 'p1' }]), private: true },
    Person: entity(
      { label: 'Person', package: 'base', idAttribute: 'id', labelAttribute: 'lastName' },
      {
        id: { fieldType: 'STRING', auto: true },
        firstName: { fieldType: 'STRING', label: 'First name' },
        lastName: { fieldType: 'STRING', label: 'Last name' },
      },
    ),
    Plot: entity(
      { label: 'Plot', package: 'base', idAttribute: 'id' },
      {
        id: { fieldType: 'STRING', auto: true },
        image: { fieldType: 'FILE', label: 'Image' },
        image2: { fieldType: 'FILE', label: 'Large image' },
      },
    ),
    hospitals: entity(
      { label: 'Hospitals', package: 'base', idAttribute: 'id', labelAttribute: 'name' },
      {
        id: { fieldType: 'STRING' },
        name: { fieldType: 'STRING', label: 'Name' },
        city: { fieldType: 'STRING', label: 'City' },
        beds: { fieldType: 'INT', label: 'Beds' },
        academic: { fieldType: 'BOOL', label: 'Academic' },
      },
      [
        { id: 'umcg', name: 'University Medical Center Groningen', city: 'Groningen', beds: 1339, academic: true },
        { id: 'amc', name: 'Amsterdam UMC', city: 'Amsterdam', beds: 1733, academic: true },
        { id: 'martini', name: 'Martini Ziekenhuis', city: 'Groningen', beds: 578, academic: false },
      ],
    ),
  };
}

/** Packages the import wizard's `packageId` may name (besides those of seeded entity types). */
export const BUILTIN_PACKAGES: readonly string[] = ['base', 'demo', 'sys'];
