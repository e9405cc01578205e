// The umbrella only composes: every client stays usable on its own, and each name below is a
// plain re-export, so bundlers keep only what an application uses (sideEffects: false).
//
// The clients share many type names (`CallOptions`, `Query`, `SearchHit`, …), so their names
// are not flattened into one list here: the four classes come first, and each package is a
// namespace made from the umbrella's own subpath entry (`./mygene.js`, …), whose names are
// listed one by one and checked against the client's index by test/unit/exports.test.ts.
import * as http from './core-http.js';
import * as idr from './idr.js';
import * as intermine from './intermine.js';
import * as molgenis from './molgenis.js';
import * as emx2 from './molgenis-emx2.js';
import * as mygene from './mygene.js';
import * as rsql from './rsql.js';

export { Idr } from './idr.js';
export { InterMine } from './intermine.js';
export { Molgenis } from './molgenis.js';
export { Emx2 } from './molgenis-emx2.js';
export { MyGene } from './mygene.js';
export { emx2, http, idr, intermine, molgenis, mygene, rsql };
