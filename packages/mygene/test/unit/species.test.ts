import { isValidationError, ValidationError } from '@bio/core-http';
import { SPECIES, speciesParam, taxidOf } from '@bio/mygene';
import { describe, expect, it } from 'vitest';

describe('species', () => {
  it('knows the nine common names', () => {
    expect(Object.keys(SPECIES)).toHaveLength(9);
    expect(SPECIES).toMatchObject({
      human: 9606,
      mouse: 10090,
      rat: 10116,
      fruitfly: 7227,
      nematode: 6239,
      zebrafish: 7955,
      'thale-cress': 3702,
      frog: 8364,
      pig: 9823,
    });
  });
  it('resolves names case-insensitively and taxids', () => {
    expect(taxidOf('Human')).toBe(9606);
    expect(taxidOf(' rat ')).toBe(10116);
    expect(taxidOf(9823)).toBe(9823);
    expect(taxidOf('10090')).toBe(10090);
    expect(taxidOf('yeti')).toBeUndefined();
    expect(taxidOf(-3)).toBeUndefined();
  });
  it('builds the wire value', () => {
    expect(speciesParam('human')).toBe('human');
    expect(speciesParam(['Human' as 'human', 10116, '7955'])).toBe('human,10116,7955');
    expect(speciesParam('all')).toBe('all');
    expect(speciesParam(9606)).toBe('9606');
    expect(speciesParam('human, rat' as never)).toBe('human,rat');
  });
  it('refuses unknown names, empty lists, bad taxids and all mixed with others', () => {
    for (const bad of ['yeti', [], [0], ['all', 'human'], [null], 1.5] as unknown[]) {
      expect(() => speciesParam(bad as never)).toThrow(ValidationError);
    }
    try {
      speciesParam('yeti' as never);
    } catch (e) {
      expect(isValidationError(e) && e.field).toBe('species');
      expect((e as Error).message).toMatch(/unknown species "yeti".*human, mouse, rat/);
    }
  });
});
