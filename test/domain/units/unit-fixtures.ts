import type { UnitRecord, UnitVersionRecord } from '../../../domain/units/unit-records';
import { buildUnitSnapshot, type UnitSnapshot } from '../../../domain/units/unit-snapshot';
import type { UnitType } from '../../../domain/units/unit-type';

/** Sequential ids (`id-1`, `id-2`…), so that tests read their expectations plainly. */
export function sequentialIds(prefix = 'id'): () => string {
  let next = 0;
  return () => `${prefix}-${++next}`;
}

interface FixturePeriod {
  name: string;
  type: UnitType;
  parent?: string;
  from?: string;
  to?: string | null;
}

export interface FixtureUnit extends FixturePeriod {
  id: string;
  code: string;
  source?: string;
  /** Later periods of the same unit (renamed or moved), each from the end of the one before. */
  then?: Array<Omit<FixturePeriod, 'from'>>;
}

/**
 * A snapshot from compact unit descriptions: `{ id: 'hn', code: '01', name: 'Thành phố Hà Nội', type: 'tinh' }`
 * is valid from 2021-01-01, open-ended, with one version `v-hn`; `then` adds versions `v-hn-1`, ….
 */
export function snapshotOf(units: FixtureUnit[]): UnitSnapshot {
  const records: UnitRecord[] = [];
  const versions: UnitVersionRecord[] = [];
  for (const unit of units) {
    const periods = [unit, ...(unit.then ?? [])];
    let from = unit.from ?? '2021-01-01';
    periods.forEach((period, index) => {
      const to = period.to ?? null;
      versions.push({
        id: index === 0 ? `v-${unit.id}` : `v-${unit.id}-${index}`,
        unitId: unit.id,
        name: period.name,
        type: period.type,
        parentUnitId: period.parent ?? null,
        validFrom: from,
        validTo: to,
      });
      if (to !== null) from = to;
    });
    const validTo = periods.at(-1)!.to ?? null;
    records.push({
      id: unit.id,
      code: unit.code,
      validFrom: unit.from ?? '2021-01-01',
      validTo,
      source: unit.source ?? 'test',
    });
  }
  return buildUnitSnapshot(records, versions);
}
