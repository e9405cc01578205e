export * from '@bio/idr';
