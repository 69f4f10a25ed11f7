import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { importUnits, type UnitImportResult } from '../../db/import/import-units';
import type { Database } from '../../db/schema';
import { listUnitContacts } from '../../db/unit-contact.repository';
import { listPredecessors, listSuccessorsAt } from '../../db/unit-succession.repository';
import { listAncestorsAt, listChildUnitsAt, listSubtreeAt } from '../../db/unit-tree.repository';
import { countUnitsAt, findUnitAt, listRootUnitsAt } from '../../db/unit.repository';
import { UnitError } from '../../domain/units/unit-issue';
import { PROJECT_ROOT } from '../../runtime/project-root';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../helpers/test-databases';

const DATA = path.join(PROJECT_ROOT, '..', 'shared', 'data', 'dvhcvn');
const NATIONAL = path.join(DATA, 'units-2025-03-01.json');
const REFORM = path.join(DATA, 'reform-2025-07-01-merges.json');
const options = { today: '2025-09-01' };

/** Row counts of the unit tables, to show that a refused import wrote nothing. */
async function tableCounts(db: Kysely<Database>) {
  const count = async (table: 'units' | 'unit_versions' | 'unit_successions' | 'unit_contacts') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    units: await count('units'),
    versions: await count('unit_versions'),
    successions: await count('unit_successions'),
    contacts: await count('unit_contacts'),
  };
}

const brief = (unit: { code: string; name: string } | undefined) => unit && `${unit.code} ${unit.name}`;

describe.each(DATABASE_KINDS)('the national tree and the 2025 reform on %s', (kind) => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let dir: string;
  const timings: Record<string, UnitImportResult['timingsMs']> = {};

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.db;
    dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-units-'));
    const agencies = path.join(dir, 'so-noi-vu-ha-nam.csv');
    writeFileSync(
      agencies,
      [
        'code,name,type,parent_code,valid_from,reporter_name,reporter_email,reporter_phone',
        'SNV-HNA,Sở Nội vụ tỉnh Hà Nam,sở,35,01/01/2021,Nguyễn Văn An,an.nv@hanam.gov.vn,0912 345 678',
        'SNV-HNA.TDKT,Ban Thi đua – Khen thưởng,ban,SNV-HNA,01/01/2021,,,',
      ].join('\n'),
    );
    timings.national = (await importUnits(db, { files: [NATIONAL], validFrom: '2021-01-01' }, options)).timingsMs;
    await importUnits(db, { files: [agencies] }, options);
    timings.reform = (await importUnits(db, { files: [REFORM] }, options)).timingsMs;
  });
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the national tree and applies the reform well under a minute', () => {
    expect(timings.national!.total).toBeLessThan(30_000);
    expect(timings.reform!.total).toBeLessThan(30_000);
  });

  it('sees 63 provinces, 696 districts and 10,047 communes for a 2023 milestone', async () => {
    expect((await countUnitsAt(db, '2023-07-01')).byLevel).toEqual({
      province: 63,
      district: 696,
      commune: 10_047,
      agency: 2,
    });
    expect((await countUnitsAt(db, '2025-06-30')).byLevel).toEqual((await countUnitsAt(db, '2021-01-01')).byLevel);
    expect(await listRootUnitsAt(db, '2023-07-01')).toHaveLength(63);
    expect((await countUnitsAt(db, '2020-12-31')).byLevel).toEqual({ province: 0, district: 0, commune: 0, agency: 0 });
  });

  it('sees 34 provinces, no districts and 3,321 communes for a Quý III/2025 milestone', async () => {
    const counts = await countUnitsAt(db, '2025-08-01');
    expect(counts.byLevel).toEqual({ province: 34, district: 0, commune: 3_321, agency: 2 });
    expect(counts.byType).toEqual({
      tinh: 28,
      'thanh-pho-trung-uong': 6,
      xa: 2_621,
      phuong: 687,
      'dac-khu': 13,
      so: 1,
      ban: 1,
    });
    const roots = await listRootUnitsAt(db, '2025-07-01');
    expect(roots).toHaveLength(34);
    expect(roots.slice(0, 3).map(brief)).toEqual(['01 Thành phố Hà Nội', '04 Tỉnh Cao Bằng', '08 Tỉnh Tuyên Quang']);
  });

  it('keeps Cao Bằng’s name across the reform, as a new unit linked to the old one', async () => {
    const old = await findUnitAt(db, '04', '2023-07-01');
    const current = await findUnitAt(db, '04', '2025-08-01');
    expect([old?.name, current?.name]).toEqual(['Tỉnh Cao Bằng', 'Tỉnh Cao Bằng']);
    expect(old).toMatchObject({ type: 'tinh', validFrom: '2021-01-01', validTo: '2025-07-01', source: 'dvhcvn' });
    expect(current).toMatchObject({ type: 'tinh', validFrom: '2025-07-01', validTo: null, source: 'reform' });
    const successors = await listSuccessorsAt(db, old!.id, '2025-08-01');
    expect(successors.map((s) => [s.id, s.kind, s.effectiveOn])).toEqual([[current!.id, 'full', '2025-07-01']]);
    expect(await listSubtreeAt(db, old!.id, '2023-07-01')).toHaveLength(1 + 10 + 161);
    expect(await listSubtreeAt(db, current!.id, '2025-08-01')).toHaveLength(1 + 56);
  });

  it('merges Hà Nam, Nam Định and Ninh Bình into Tỉnh Ninh Bình', async () => {
    const ninhBinh = (await findUnitAt(db, '37', '2025-08-01'))!;
    expect(ninhBinh.name).toBe('Tỉnh Ninh Bình');
    const predecessors = await listPredecessors(db, ninhBinh.id);
    expect(predecessors.map((link) => [brief(link.unit), link.kind, link.effectiveOn])).toEqual([
      ['35 Tỉnh Hà Nam', 'full', '2025-07-01'],
      ['36 Tỉnh Nam Định', 'full', '2025-07-01'],
      ['37 Tỉnh Ninh Bình', 'full', '2025-07-01'],
    ]);
    for (const code of ['35', '36', '37']) {
      const old = (await findUnitAt(db, code, '2025-06-30'))!;
      expect((await listSuccessorsAt(db, old.id, '2025-08-01')).map((s) => [brief(s), s.kind])).toEqual([
        ['37 Tỉnh Ninh Bình', 'full'],
      ]);
      expect(await listSuccessorsAt(db, old.id, '2025-06-30')).toEqual([]);
    }
    expect(await listChildUnitsAt(db, ninhBinh.id, '2025-08-01')).toHaveLength(129 + 1);
  });

  it('gives an old commune split between several new ones several partial successors', async () => {
    const daiMo = (await findUnitAt(db, '00634', '2023-07-01'))!;
    expect(daiMo.name).toBe('Phường Đại Mỗ');
    expect((await listSuccessorsAt(db, daiMo.id, '2025-08-01')).map((s) => [brief(s), s.kind])).toEqual([
      ['00622 Phường Xuân Phương', 'partial'],
      ['00634 Phường Tây Mỗ', 'partial'],
      ['00637 Phường Đại Mỗ', 'partial'],
      ['09556 Phường Hà Đông', 'partial'],
      ['09886 Phường Dương Nội', 'partial'],
    ]);
    const congVi = (await findUnitAt(db, '00007', '2023-07-01'))!;
    expect((await listSuccessorsAt(db, congVi.id, '2025-08-01')).map(brief)).toEqual([
      '00008 Phường Ngọc Hà',
      '00025 Phường Giảng Võ',
    ]);
    const island = (await findUnitAt(db, '318', '2023-07-01'))!;
    expect((await listSuccessorsAt(db, island.id, '2025-08-01')).map((s) => [brief(s), s.type, s.kind])).toEqual([
      ['11948 Đặc khu Bạch Long Vĩ', 'dac-khu', 'full'],
    ]);
  });

  it('reads a reused code as the unit in force on the date asked', async () => {
    const before = (await findUnitAt(db, '00004', '2025-06-30'))!;
    const after = (await findUnitAt(db, '00004', '2025-07-01'))!;
    expect([before.name, after.name]).toEqual(['Phường Trúc Bạch', 'Phường Ba Đình']);
    expect(before.id).not.toBe(after.id);
    expect((await listAncestorsAt(db, before.id, '2023-07-01')).map(brief)).toEqual([
      '01 Thành phố Hà Nội',
      '001 Quận Ba Đình',
    ]);
    expect((await listAncestorsAt(db, after.id, '2025-08-01')).map(brief)).toEqual(['01 Thành phố Hà Nội']);
    expect(await findUnitAt(db, '001', '2025-07-01')).toBeUndefined();
  });

  it('lists a whole subtree at a date in tree order, with depths, in one query', async () => {
    const hanoi = (await findUnitAt(db, '01', '2023-07-01'))!;
    const subtree = await listSubtreeAt(db, hanoi.id, '2023-07-01');
    expect(subtree).toHaveLength(1 + 30 + 526);
    expect([0, 1, 2].map((depth) => subtree.filter((unit) => unit.depth === depth).length)).toEqual([1, 30, 526]);
    expect(subtree.slice(0, 4).map((unit) => `${unit.depth} ${brief(unit)}`)).toEqual([
      '0 01 Thành phố Hà Nội',
      '1 001 Quận Ba Đình',
      '2 00001 Phường Phúc Xá',
      '2 00004 Phường Trúc Bạch',
    ]);
    expect(subtree[3]!.path).toEqual(['01', '001', '00004']);
    expect(await listChildUnitsAt(db, subtree[1]!.id, '2023-07-01')).toHaveLength(13);
    const newHanoi = (await findUnitAt(db, '01', '2025-08-01'))!;
    expect(await listSubtreeAt(db, newHanoi.id, '2025-08-01')).toHaveLength(1 + 126);
    expect(await listSubtreeAt(db, hanoi.id, '2025-08-01')).toEqual([]);
  });

  it('moves an agency under Hà Nam to the new Ninh Bình, keeping the agency, its sub-units and its contacts', async () => {
    const before = (await findUnitAt(db, 'SNV-HNA', '2023-07-01'))!;
    const after = (await findUnitAt(db, 'SNV-HNA', '2025-08-01'))!;
    expect(after.id).toBe(before.id);
    expect((await listAncestorsAt(db, before.id, '2023-07-01')).map(brief)).toEqual(['35 Tỉnh Hà Nam']);
    expect((await listAncestorsAt(db, after.id, '2025-08-01')).map(brief)).toEqual(['37 Tỉnh Ninh Bình']);
    expect((await listChildUnitsAt(db, after.id, '2025-08-01')).map(brief)).toEqual([
      'SNV-HNA.TDKT Ban Thi đua – Khen thưởng',
    ]);
    expect(await listUnitContacts(db, after.id)).toEqual([
      {
        unitId: after.id,
        role: 'reporter',
        name: 'Nguyễn Văn An',
        email: 'an.nv@hanam.gov.vn',
        phone: '+84912345678',
        zaloUserId: null,
      },
    ]);
  });

  it('refuses to import the list or apply the reform a second time, writing nothing', async () => {
    const before = await tableCounts(db);
    expect(before).toEqual({
      units: 10_806 + 2 + 3_355,
      versions: 10_806 + 3 + 3_355,
      successions: 10_667,
      contacts: 1,
    });
    const again = importUnits(db, { files: [REFORM] }, options);
    await expect(again).rejects.toThrow(UnitError);
    await expect(again).rejects.toThrow(
      /^UNIT_VALIDITY_OVERLAP: bản đồ sắp xếp có hiệu lực từ 01\/07\/2025 đã được áp dụng \(3355 đơn vị mới đã có\)/,
    );
    const national = await importUnits(db, { files: [NATIONAL], validFrom: '2021-01-01' }, options).catch(
      (e: unknown) => e,
    );
    expect(national).toBeInstanceOf(UnitError);
    expect((national as UnitError).issues[0]!.message).toBe(
      'mã 01: 01 "Thành phố Hà Nội" (từ 01/01/2021) trùng thời gian hiệu lực với 01 "Thành phố Hà Nội" (01/01/2021 – 01/07/2025, đã có trong cơ sở dữ liệu, nguồn dvhcvn); một mã chỉ thuộc một đơn vị tại mỗi thời điểm',
    );
    expect(await tableCounts(db)).toEqual(before);
  });
});
