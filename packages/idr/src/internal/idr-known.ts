// What the public IDR offers, known without asking it (issue 16 item 1): the JSON API v0, the
// search engine, and mapr's menus from `omero.web.mapr.config` with every route but `config/`
// redirected to HTML by IDR's nginx (IDR/deployment proxy-hosts.yml, since 2024-11).
import type { MaprKeyConfig } from '../capabilities.js';

/** IDR's mapr menus (`/mapr/api/config/` on idr.openmicroscopy.org). */
export const IDR_MAPR_MENUS: Readonly<Record<string, MaprKeyConfig>> = {
  gene: { all: ['Gene Symbol', 'Gene Identifier'], default: ['Gene Symbol'], ns: ['openmicroscopy.org/mapr/gene'], label: 'Gene', case_sensitive: true },
  genesupplementary: { all: [], default: [], ns: ['openmicroscopy.org/mapr/gene/supplementary'], label: 'Gene supplementary' },
  sirna: { all: ['siRNA Identifier', 'siRNA Pool Identifier'], default: ['siRNA Identifier'], ns: ['openmicroscopy.org/mapr/sirna'], label: 'siRNA' },
  phenotype: {
    all: ['Phenotype', 'Phenotype Term Accession'],
    default: ['Phenotype'],
    ns: ['openmicroscopy.org/mapr/phenotype'],
    label: 'Phenotype',
    wildcard: { enabled: true },
  },
  compound: { all: ['Compound Name'], default: ['Compound Name'], ns: ['openmicroscopy.org/mapr/compound'], label: 'Compound' },
  organism: { all: ['Organism'], default: ['Organism'], ns: ['openmicroscopy.org/mapr/organism'], label: 'Organism', wildcard: { enabled: true } },
  antibody: { all: ['Antibody Identifier'], default: ['Antibody Identifier'], ns: ['openmicroscopy.org/mapr/antibody'], label: 'Antibody' },
  cellline: { all: ['Cell Line'], default: ['Cell Line'], ns: ['openmicroscopy.org/mapr/cell_line'], label: 'Cell Line', wildcard: { enabled: true } },
  orf: { all: ['ORF Identifier'], default: ['ORF Identifier'], ns: ['openmicroscopy.org/mapr/orf'], label: 'ORF' },
};
