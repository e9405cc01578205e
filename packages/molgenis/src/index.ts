// The public surface of @bio/molgenis, listed by hand. src/internal/ is never exported.
export { Molgenis } from './molgenis.js';
export type { MolgenisOptions } from './molgenis.js';
export { TOKEN_HEADER } from './auth.js';
export { toColumns } from './columns.js';
export { errorDetails, isMolgenisBatchError, isMolgenisImportError, MolgenisBatchError, MolgenisImportError } from './errors.js';
export type { MolgenisErrorDetails, ProblemDetails } from './error-details.js';
// types.ts holds the public option and result types only, so all of it is exported.
export type * from './types.js';

// The family contract (from @bio/core-http): the option and result types the methods name.
export type { CallOptions, ClientOptions, ListOptions, Page, Paged, Progress } from '@bio/core-http';

// The family's error classes, guards and error types (the same objects in every client), so
// `import { isNotFoundError } from '@bio/molgenis'` needs no second import.
export * from '@bio/core-http/errors';
