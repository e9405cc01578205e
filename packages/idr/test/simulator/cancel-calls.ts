// One call of each kind, for the cancellation tests.
import type { Idr } from '../../src/index.js';

export const plate8958Images = Array.from({ length: 120 }, (_, i) => 11000000 + i);

export const calls: [string, (idr: Idr) => Promise<unknown>][] = [
  ['screens().toArray()', (idr) => idr.screens().toArray()],
  ['wells().total()', (idr) => idr.wells({ plate: 8958 }).total()],
  ['webclient.plates', (idr) => idr.webclient.plates({ screen: 102 }).toArray()],
  ['mapAnnotations', (idr) => idr.mapAnnotations({ screen: 102 }).toArray()],
  ['search', (idr) => idr.search({ key: 'Gene Symbol', value: 'CDC20' }).toArray()],
  ['findByAttribute', (idr) => idr.findByAttribute({ key: 'Gene Symbol', value: 'CDC20' })],
  ['thumbnails', (idr) => idr.thumbnails(plate8958Images)],
  ['thumbnail', (idr) => idr.thumbnail(1229801)],
  ['imageData', (idr) => idr.imageData(122770)],
  ['plateGrid', (idr) => idr.plateGrid(4554)],
  ['bulkAnnotations', (idr) => idr.bulkAnnotations({ well: 45217 })],
  ['download', (idr) => idr.download(2891867)],
  ['image', (idr) => idr.image(1884807)],
];
