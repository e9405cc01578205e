// Browser links to what the IDR walkthrough prints: the webclient page of an object
// (`webclient/?show=image-ID`), the image viewer (`webclient/img_detail/ID/`), thumbnails, and
// attribute searches (the IDR gallery's `search/?key=…&value=…`, or mapr's `mapr/{menu}/?value=`).
// Pure string work: no request is made.
import { ValidationError } from '@bio/core-http';
import { type IdInput, type ImageId, imageId } from './ids.js';
import { singleTarget } from './internal/targets.js';

/** An object the webclient can show: exactly one key. @example `{ image: 1229801 }` */
export type ShowTarget =
  | { project: number }
  | { dataset: number }
  | { image: number }
  | { screen: number }
  | { plate: number }
  | { acquisition: number }
  | { well: number };

const SHOW_KEYS = ['project', 'dataset', 'image', 'screen', 'plate', 'acquisition', 'well'] as const;

/**
 * Links for people (a browser), built from the client's `baseUrl`.
 *
 * @example
 * ```ts
 * idr.links.show({ image: 1229801 });   // 'https://idr.openmicroscopy.org/webclient/?show=image-1229801'
 * idr.links.viewer(1229801);            // 'https://idr.openmicroscopy.org/webclient/img_detail/1229801/'
 * idr.links.attribute({ key: 'Gene Symbol', value: 'CDC20' }); // '…/search/?key=Gene+Symbol&value=CDC20'
 * ```
 */
export interface IdrLinks {
  /** The webclient page with the object selected in its tree (`webclient/?show=image-ID`; also project, dataset, screen, plate, acquisition (run), well). */
  show(target: ShowTarget): string;
  /** The full image viewer (`webclient/img_detail/ID/`). */
  viewer(id: IdInput<ImageId>): string;
  /** The thumbnail JPEG (`webgateway/render_thumbnail/ID/[size/]`), as `idr.thumbnailUrl`. */
  thumbnail(id: IdInput<ImageId>, options?: { size?: number | undefined }): string;
  /** The IDR gallery's search page for a key/value (`search/?key=K&value=V`), where IDR sends its old mapr pages. */
  attribute(query: { key: string; value: string }): string;
  /** mapr's page for a menu and value (`mapr/{menu}/?value=V`) on servers with mapr's web pages. */
  mapr(menu: string, value: string): string;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new ValidationError({ message: `${field} must be a non-empty string`, field });
  return value;
}

/** Links against `baseUrl` (no trailing slash); `thumbnailUrl` is the client's. */
export function createLinks(baseUrl: string, thumbnailUrl: (id: IdInput<ImageId>, size: number | undefined) => string): IdrLinks {
  return {
    show(target) {
      const [key, id] = singleTarget(target, SHOW_KEYS, 'links.show');
      return `${baseUrl}/webclient/?show=${key}-${id}`;
    },
    viewer: (id) => `${baseUrl}/webclient/img_detail/${imageId(id, 'image')}/`,
    thumbnail: (id, options = {}) => thumbnailUrl(id, options.size),
    attribute: (query) => `${baseUrl}/search/?${new URLSearchParams({ key: text(query?.key, 'key'), value: text(query?.value, 'value') })}`,
    mapr: (menu, value) => `${baseUrl}/mapr/${encodeURIComponent(text(menu, 'menu'))}/?${new URLSearchParams({ value: text(value, 'value') })}`,
  };
}
