// Browser links to what the IDR walkthrough prints: the webclient page of an object
// (`webclient/?show=image-ID`), the image viewer (`webclient/img_detail/ID/`), thumbnails, and
// attribute searches (the IDR gallery's `search/?key=…&value=…`, or mapr's `mapr/{menu}/?value=`).
// Pure string work: no request is made.
import { ValidationError } from '@bio/core-http';
import { type IdInput, type ImageId, imageId } from './ids.js';
import { singleTarget } from './internal/targets.js';

/** An object the webclient can show: exactly one key. @example `{ image: 1229801 }` */
export type ShowTarget =
  | {
      /** Show this project (`?show=project-ID`). */
      project: number;
    }
  | {
      /** Show this dataset (`?show=dataset-ID`). */
      dataset: number;
    }
  | {
      /** Show this image (`?show=image-ID`). */
      image: number;
    }
  | {
      /** Show this screen (`?show=screen-ID`). */
      screen: number;
    }
  | {
      /** Show this plate (`?show=plate-ID`). */
      plate: number;
    }
  | {
      /** Show this plate acquisition (run) (`?show=acquisition-ID`). */
      acquisition: number;
    }
  | {
      /** Show this well (`?show=well-ID`). */
      well: number;
    };

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
  /**
   * The webclient page with the object selected in its tree (`webclient/?show=image-ID`; also project, dataset, screen, plate, acquisition (run), well).
   *
   * @example
   * ```ts
   * idr.links.show({ screen: 102 }); // 'https://idr.openmicroscopy.org/webclient/?show=screen-102'
   * ```
   */
  show(target: ShowTarget): string;
  /**
   * The full image viewer (`webclient/img_detail/ID/`).
   *
   * @example
   * ```ts
   * idr.links.viewer(1229801); // 'https://idr.openmicroscopy.org/webclient/img_detail/1229801/'
   * ```
   */
  viewer(id: IdInput<ImageId>): string;
  /**
   * The thumbnail JPEG (`webgateway/render_thumbnail/ID/[size/]`), as `idr.thumbnailUrl`.
   *
   * @example
   * ```ts
   * idr.links.thumbnail(1229801); // 'https://idr.openmicroscopy.org/webgateway/render_thumbnail/1229801/'
   * ```
   */
  thumbnail(id: IdInput<ImageId>, options?: { size?: number | undefined }): string;
  /**
   * The IDR gallery's search page for a key/value (`search/?key=K&value=V`), where IDR sends its old mapr pages.
   *
   * @example
   * ```ts
   * idr.links.attribute({ key: 'Gene Symbol', value: 'CDC20' }); // '…/search/?key=Gene+Symbol&value=CDC20'
   * ```
   */
  attribute(query: { key: string; value: string }): string;
  /**
   * mapr's page for a menu and value (`mapr/{menu}/?value=V`) on servers with mapr's web pages.
   *
   * @example
   * ```ts
   * new Idr({ baseUrl: 'https://omero.example.org' }).links.mapr('gene', 'CDC20'); // 'https://omero.example.org/mapr/gene/?value=CDC20'
   * ```
   */
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
