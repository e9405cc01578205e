// The public surface of @bio/idr, listed by hand. src/internal/ is never exported.

export { Idr } from './idr.js';
export type { IdrOptions } from './idr.js';
export { DEFAULT_BASE_URL, DEFAULT_CONCURRENCY, DEFAULT_RETRY, DEFAULT_TIMEOUT, DEFAULT_WEBCLIENT_PAGE_SIZE } from './constants.js';

// the family contract (from @bio/core-http): options, lists, progress, session auth
export type { AuthStrategy, CallOptions, ClientOptions, HttpHooks, ListOptions, Page, Paged, Progress, RetryOptions, SessionAuth } from '@bio/core-http';
export { sessionAuth } from '@bio/core-http';

// ids
export {
  annotationId,
  datasetId,
  experimenterId,
  fileId,
  imageId,
  plateAcquisitionId,
  plateId,
  projectId,
  roiId,
  screenId,
  wellId,
} from './ids.js';
export type {
  AnnotationId,
  DatasetId,
  ExperimenterId,
  FileId,
  Id,
  IdInput,
  ImageId,
  PlateAcquisitionId,
  PlateId,
  ProjectId,
  RoiId,
  ScreenId,
  WellId,
} from './ids.js';

// models and lists
export { OME_SCHEMA } from './models.js';
export type {
  Channel,
  Dataset,
  Details,
  Experimenter,
  ExperimenterGroup,
  Image,
  ImageRef,
  Length,
  ListMeta,
  MarshalObject,
  OmeType,
  Permissions,
  Pixels,
  Plate,
  PlateAcquisition,
  Project,
  Roi,
  Screen,
  Shape,
  Well,
  WellSample,
} from './models.js';
export type {
  CommonListFilters,
  DatasetFilters,
  GetOptions,
  ImageFilters,
  PlateFilters,
  ProjectFilters,
  RoiFilters,
  ScreenFilters,
  WellFilters,
} from './json-api.js';
export { wellLabel, wellName } from './wells.js';
export type { IdrListOptions } from './list-options.js';
export type { IdrLinks, ShowTarget } from './links.js';
export type {
  ChannelInfo,
  DatasetObject,
  IdrObjects,
  ImageObject,
  ObjectBase,
  PlateObject,
  ProjectObject,
  ScreenObject,
  WellObject,
} from './objects.js';
export { toPhysicalSize } from './units.js';
export type { PhysicalSize } from './units.js';

// webclient
export { filenameFromContentDisposition } from './webclient.js';
export type {
  Download,
  PathNode,
  PathsToObjectTarget,
  WebclientApi,
  WebclientDataset,
  WebclientImage,
  WebclientImageFields,
  WebclientNode,
  WebclientPlate,
} from './webclient.js';
export { toMap } from './annotations.js';
export type {
  AnnotationBase,
  AnnotationExperimenter,
  AnnotationFile,
  AnnotationOptions,
  AnnotationParent,
  AnnotationTarget,
  FileAnnotation,
  MapAnnotation,
  OneOrMany,
} from './annotations.js';

// webgateway
export type {
  ImageData,
  ImageDataChannel,
  ImageDataMeta,
  ImageDataOk,
  ImageDataUnavailable,
  PlateGrid,
  PlateGridCell,
  PlateGridOptions,
} from './webgateway.js';
export { THUMBNAIL_BATCH_LIMIT } from './thumbnails.js';
export type { RenderImageOptions, ThumbnailOptions, ThumbnailsOptions } from './thumbnails.js';
export { isJpeg } from './jpeg.js';
export type { BulkTable, TableCell, TableColumn, TableCsvOptions, TableQueryOptions, TableResult, TableRowsOptions } from './tables.js';

// search engine, attribute search, mapr
export type {
  ImageSearchHit,
  SearchContainer,
  SearchHit,
  SearchKeyValue,
  SearchOperator,
  SearchOptions,
  SearchQuery,
  SearchResource,
} from './search-engine.js';
export type { ExportQueryOptions, SearchFilter, SearchQueryLanguage } from './search-query.js';
export { accessionOf } from './find-by-attribute.js';
export type {
  AttributeContainer,
  AttributeDataset,
  AttributeImage,
  AttributeImageSet,
  AttributeList,
  AttributeMatches,
  AttributeNode,
  AttributePlate,
  AttributeProject,
  AttributeQuery,
  AttributeScreen,
  AttributeStudy,
  AttributeStudyContainer,
  FindByAttributeOptions,
} from './find-by-attribute.js';
export type { MaprApi, MaprContainer, MaprDataset, MaprImage, MaprOptions, MaprPlate, MaprProject, MaprScreen } from './mapr.js';
export type { Capabilities, CapabilitiesOptions, MaprKeyConfig } from './capabilities.js';

// errors: idr's own, and core-http's that idr throws (classes and guards)
export {
  EndpointRemovedError,
  isEndpointRemovedError,
  isNoTableError,
  isThumbnailsError,
  NoTableError,
  omeroErrorInBody,
  omeroServiceMessage,
  ThumbnailsError,
} from './errors.js';

// sessions (OMERO.web servers with a login)
export type { EventContext, KeepAlive, KeepAliveOptions, LoginCredentials, OmeroServer } from './session.js';

// The family's error classes, guards and error types (the same objects in every client), so
// `import { isNotFoundError } from '@bio/idr'` needs no second import.
export * from '@bio/core-http/errors';
