// OMERO lengths (`{"Value": 0.0396, "Symbol": "µm", "Unit": "MICROMETER"}`) in micrometres.
import type { Length } from './models.js';

/** Micrometres per unit, by OMERO `UnitsLength` name and by symbol. */
const MICROMETRES: Record<string, number> = {
  YOTTAMETER: 1e30,
  ZETTAMETER: 1e27,
  EXAMETER: 1e24,
  PETAMETER: 1e21,
  TERAMETER: 1e18,
  GIGAMETER: 1e15,
  MEGAMETER: 1e12,
  KILOMETER: 1e9,
  HECTOMETER: 1e8,
  DECAMETER: 1e7,
  METER: 1e6,
  DECIMETER: 1e5,
  CENTIMETER: 1e4,
  MILLIMETER: 1e3,
  MICROMETER: 1,
  NANOMETER: 1e-3,
  PICOMETER: 1e-6,
  FEMTOMETER: 1e-9,
  ATTOMETER: 1e-12,
  ZEPTOMETER: 1e-15,
  YOCTOMETER: 1e-18,
  ANGSTROM: 1e-4,
  THOU: 25.4,
  INCH: 25_400,
  FOOT: 304_800,
  YARD: 914_400,
  MILE: 1_609_344_000,
  km: 1e9,
  m: 1e6,
  cm: 1e4,
  mm: 1e3,
  µm: 1,
  μm: 1,
  um: 1,
  nm: 1e-3,
  pm: 1e-6,
  Å: 1e-4,
};

/**
 * A physical length normalised to micrometres, with what the server sent kept.
 *
 * @example
 * ```ts
 * image.physicalSize.x?.micrometres; // 0.0396
 * image.physicalSize.x?.unit;        // 'MICROMETER' (as sent)
 * ```
 */
export interface PhysicalSize {
  /** The length in µm; `undefined` when the unit has no length in µm (`PIXEL`, `REFERENCEFRAME`, unknown). */
  micrometres: number | undefined;
  /** The value as sent. */
  value: number;
  /** The unit as sent (`MICROMETER`, …), else its symbol, else `'MICROMETER'` (OMERO's default). */
  unit: string;
  /** The symbol as sent (`µm`). */
  symbol: string | undefined;
}

/**
 * An OMERO length in micrometres, the unit kept; `undefined` when there is none.
 *
 * @example
 * ```ts
 * toPhysicalSize({ Value: 40, Unit: 'NANOMETER', Symbol: 'nm' }); // { micrometres: 0.04, value: 40, unit: 'NANOMETER', symbol: 'nm' }
 * ```
 */
export function toPhysicalSize(length: Length | undefined | null): PhysicalSize | undefined {
  if (length === undefined || length === null || typeof length.Value !== 'number') return undefined;
  const unit = length.Unit ?? length.Symbol ?? 'MICROMETER';
  const factor = MICROMETRES[unit] ?? (length.Symbol === undefined ? undefined : MICROMETRES[length.Symbol]);
  return { micrometres: factor === undefined ? undefined : length.Value * factor, value: length.Value, unit, symbol: length.Symbol };
}
