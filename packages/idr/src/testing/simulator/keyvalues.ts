// Map-annotation pairs of an image: its own and its well's (IDR puts per-well annotations on
// the Well and mirrors them on images).
import { type IdrSimulatorState, links, type SimParentType } from './state.js';

/** `[key, value, ns]` of every map annotation on one object. */
export function pairsOf(state: IdrSimulatorState, type: SimParentType, id: number): [string, string, string | null][] {
  const out: [string, string, string | null][] = [];
  for (const a of state.annotations.values()) {
    if (a.kind === 'map' && a.parent.type === type && a.parent.id === id) for (const [k, v] of a.values) out.push([k, v, a.ns]);
  }
  return out;
}

/** An image's pairs plus its well's. */
export function imagePairs(state: IdrSimulatorState, imageId: number): [string, string, string | null][] {
  const well = links(state).wellOfImage.get(imageId);
  return [...pairsOf(state, 'image', imageId), ...(well === undefined ? [] : pairsOf(state, 'well', well))];
}
