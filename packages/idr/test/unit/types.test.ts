// Pins the public types: ids of different kinds do not mix, optional keys stay optional.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type AnnotationExperimenter,
  type CallOptions,
  type Idr,
  type IdrOptions,
  type ImageData,
  type ImageDataChannel,
  type Length,
  type MapAnnotation,
  type Paged,
  type PathNode,
  type ProjectId,
  projectId,
  type Screen,
  type ScreenId,
  type Shape,
  screenId,
  type Well,
} from '../../src/index.js';

describe('public types', () => {
  it('keeps screen and project ids apart', () => {
    const s: ScreenId = screenId(51);
    const p: ProjectId = projectId(51);
    // @ts-expect-error a project id is not a screen id, although both are 51
    const wrong: ScreenId = p;
    expect(s).toBe(wrong);
    expectTypeOf<ScreenId>().not.toEqualTypeOf<ProjectId>();
    expectTypeOf<ScreenId>().toExtend<number>();
  });

  // Checked by `tsc -p tsconfig.json` (which includes test/): expectTypeOf is a no-op at runtime.
  it('models honest optionality and the imgData union', () => {
    expectTypeOf<Well['WellSamples']>().toEqualTypeOf<Well['WellSamples'] | undefined>();
    expectTypeOf<Extract<ImageData, { status: 'pixels-unavailable' }>['exception']>().toEqualTypeOf<string>();
  });

  // What omero-marshal's shape encoders, tree.py `_marshal_exp_obj` and webgateway `channelMarshal` may send.
  it('declares line ends, shape colours and the null names and curves the servers send', () => {
    expectTypeOf<Shape['X1']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Shape['StrokeColor']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Shape['StrokeWidth']>().toEqualTypeOf<Length | undefined>();
    expectTypeOf<AnnotationExperimenter['firstName']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<ImageDataChannel['family']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Extract<ImageData, { status: 'ok' }>['split_channel']>().toEqualTypeOf<Record<string, unknown> | [] | undefined>();
    const line: Shape = { '@id': 1, '@type': 'http://www.openmicroscopy.org/Schemas/OME/2016-06#Line', X1: 0, Y1: 0, X2: 3, Y2: 4, StrokeColor: -65281 };
    expect(Math.hypot(line.X2! - line.X1!, line.Y2! - line.Y1!)).toBe(5);
  });

  it('declares what show.py `paths_to_object` puts on a path node', () => {
    expectTypeOf<PathNode['childCount']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<PathNode['childIndex']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<PathNode['childPage']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<PathNode['id']>().toEqualTypeOf<number>();
    const dataset: PathNode = { type: 'dataset', id: 51, childCount: 1200, childIndex: 700, childPage: 2 };
    const orphaned: PathNode = { type: 'orphaned', id: 2, childCount: 501, childIndex: 0, childPage: 1 };
    const field: PathNode = { type: 'wellsample', id: 2233740 };
    expect([dataset.childPage, orphaned.childIndex, field.type]).toEqual([2, 0, 'wellsample']);
  });

  it('uses the family contract types', () => {
    expectTypeOf<ReturnType<Idr['screens']>>().toEqualTypeOf<Paged<Screen>>();
    expectTypeOf<ReturnType<Idr['mapAnnotations']>>().toEqualTypeOf<Paged<MapAnnotation>>();
    expectTypeOf<Parameters<Idr['image']>[1]>().toEqualTypeOf<CallOptions | undefined>();
    expectTypeOf<IdrOptions['timeout']>().toEqualTypeOf<number | false | undefined>();
    expect(true).toBe(true);
  });
});
