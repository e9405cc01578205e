export * from '@bio/molgenis';
