export * from '@bio/mygene';
