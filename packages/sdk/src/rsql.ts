export * from '@bio/rsql';
