// The umbrella only composes: every client stays usable on its own, and each import below is
// a plain re-export so bundlers keep only what an application uses (sideEffects: false).
export { MyGene } from '@bio/mygene';
export { InterMine } from '@bio/intermine';
export { Idr } from '@bio/idr';
export { Molgenis } from '@bio/molgenis';
export * as rsql from '@bio/rsql';
export * as http from '@bio/core-http';
export * as mygene from '@bio/mygene';
export * as intermine from '@bio/intermine';
export * as idr from '@bio/idr';
export * as molgenis from '@bio/molgenis';
