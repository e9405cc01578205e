export * from '@bio/intermine';
