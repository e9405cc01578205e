export * from '@bio/core-http';
