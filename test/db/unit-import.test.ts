import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { ImportProgress } from '../../db/import/import-progress';
import { importUnits } from '../../db/import/import-units';
import type { UnitImportRequest } from '../../db/import/prepare-unit-import';
import type { Database } from '../../db/schema';
import { listUnitContacts } from '../../db/unit-contact.repository';
import { listAncestorsAt } from '../../db/unit-tree.repository';
import { findUnitAt, getUnitAt } from '../../db/unit.repository';
import { UnitError, type UnitIssueCode } from '../../domain/units/unit-issue';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../helpers/test-databases';

/** A two-province excerpt of the national list, with the 2025 mapping of the same units. */
const NATIONAL = {
  data_date: '01/03/2025',
  data: [
    {
      level1_id: '35',
      name: 'Tỉnh Hà Nam',
      type: 'Tỉnh',
      level2s: [
        {
          level2_id: '347',
          name: 'Thành phố Phủ Lý',
          type: 'Thành phố',
          level3s: [
            { level3_id: '13285', name: 'Phường Quang Trung', type: 'Phường' },
            { level3_id: '13288', name: 'Phường Lương Khánh Thiện', type: 'Phường' },
          ],
        },
      ],
    },
    {
      level1_id: '37',
      name: 'Tỉnh Ninh Bình',
      type: 'Tỉnh',
      level2s: [
        {
          level2_id: '369',
          name: 'Thành phố Hoa Lư',
          type: 'Thành phố',
          level3s: [{ level3_id: '14329', name: 'Phường Đông Thành', type: 'Phường' }],
        },
      ],
    },
  ],
};
const MERGES = {
  data: [
    {
      level1_id: '37',
      name: 'Tỉnh Ninh Bình',
      merges: [
        { old_id: '35', name: 'Tỉnh Hà Nam', type: 'full' },
        { old_id: '37', name: 'Tỉnh Ninh Bình', type: 'full' },
      ],
      level2s: [
        {
          level2_id: '13285',
          name: 'Phường Phủ Lý',
          merges: [
            { old_id: '13285', type: 'full' },
            { old_id: '13288', type: 'partial' },
          ],
        },
        {
          level2_id: '14329',
          name: 'Phường Hoa Lư',
          merges: [
            { old_id: '14329', type: 'full' },
            { old_id: '13288', type: 'partial' },
          ],
        },
      ],
    },
  ],
};
const SPLITS = {
  data: [
    {
      level1_id: '35',
      splits: [{ new_id: '37' }],
      level3s: [
        { level3_id: '13285', splits: [{ new_id: '13285' }] },
        { level3_id: '13288', splits: [{ new_id: '13285' }, { new_id: '14329' }] },
      ],
    },
    { level1_id: '37', splits: [{ new_id: '37' }], level3s: [{ level3_id: '14329', splits: [{ new_id: '14329' }] }] },
  ],
};
const AGENCIES = [
  'code,name,type,parent_code,valid_from,valid_to,reporter_name,reporter_email,reporter_phone,head_name',
  'SNV,Sở Nội vụ tỉnh Hà Nam,sở,35,01/01/2021,,Nguyễn Văn An,an.nv@hanam.gov.vn,0912345678,Trần Văn Bình',
  'SNV.TDKT,Ban Thi đua – Khen thưởng,ban,SNV,01/01/2021,,,,,',
  'PNV-PL,Phòng Nội vụ thành phố Phủ Lý,phòng,347,01/01/2021,,,,,',
].join('\n');

const options = { today: '2025-09-01' };

describe.each(DATABASE_KINDS)('unit imports on %s', (kind) => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let dir: string;
  const file = (name: string, content: unknown) => {
    const target = path.join(dir, name);
    writeFileSync(target, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return target;
  };
  const counts = async () => {
    const [units, versions, contacts] = await Promise.all(
      (['units', 'unit_versions', 'unit_contacts'] as const).map(async (table) =>
        Number(
          (
            await db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ),
    );
    return { units, versions, contacts };
  };
  /** Runs an import that must fail; returns its issues as printed, having checked that nothing was written. */
  const refused = async (request: UnitImportRequest, progress?: ImportProgress) => {
    const before = await counts();
    const error: unknown = await importUnits(db, request, { ...options, progress }).then(
      () => new Error('the import succeeded'),
      (failure: unknown) => failure,
    );
    expect(await counts()).toEqual(before);
    if (!(error instanceof UnitError)) throw error;
    return error.message.split('\n');
  };
  const codes = (lines: string[]) => lines.map((line) => line.split(':')[0] as UnitIssueCode);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.db;
    dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-unit-import-'));
    await importUnits(db, { files: [file('units-2025-03-01.json', NATIONAL)], validFrom: '2021-01-01' }, options);
    await importUnits(db, { files: [file('so-noi-vu.csv', AGENCIES)] }, options);
  });
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('a CSV of units and contacts', () => {
    it('loads agencies under the national units with their contacts', async () => {
      const snv = await getUnitAt(db, 'SNV', '2023-07-01');
      expect(snv).toMatchObject({ name: 'Sở Nội vụ tỉnh Hà Nam', type: 'so', validFrom: '2021-01-01', source: 'csv' });
      expect(
        (await listAncestorsAt(db, (await getUnitAt(db, 'SNV.TDKT', '2023-07-01')).id, '2023-07-01')).map(
          (u) => u.code,
        ),
      ).toEqual(['35', 'SNV']);
      expect(await listUnitContacts(db, snv.id)).toEqual([
        {
          unitId: snv.id,
          role: 'reporter',
          name: 'Nguyễn Văn An',
          email: 'an.nv@hanam.gov.vn',
          phone: '+84912345678',
          zaloUserId: null,
        },
        { unitId: snv.id, role: 'head', name: 'Trần Văn Bình', email: null, phone: null, zaloUserId: null },
      ]);
    });

    it('imports the same file again as an update, adding nothing', async () => {
      const before = await counts();
      const again = await importUnits(db, { files: [path.join(dir, 'so-noi-vu.csv')] }, options);
      expect(again.summary).toMatchObject({ createdUnits: 0, createdVersions: 3, endedUnits: 0, contacts: 2 });
      expect(await counts()).toEqual(before);
    });

    it('reads semicolons, a BOM, NFD names and contacts-only rows; empty contact cells keep what is stored', async () => {
      const csv = [
        '\uFEFFcode;name;type;parent_code;valid_from;valid_to;reporter_phone;head_email',
        `SNV.VP;${'Văn phòng Sở'.normalize('NFD')};phòng;SNV;1/1/2024;;;`,
        'SNV;;;;;;+84 987 654 321;giamdoc@hanam.gov.vn',
      ].join('\r\n');
      const result = await importUnits(db, { files: [file('them.csv', csv)] }, options);
      expect(result.summary).toMatchObject({ createdUnits: 1, contacts: 2 });
      const office = await findUnitAt(db, 'SNV.VP', '2024-06-01');
      expect(office?.name).toBe('Văn phòng Sở');
      expect(office?.name).toBe('Văn phòng Sở'.normalize('NFC'));
      const snv = await getUnitAt(db, 'SNV', '2025-09-01');
      expect(await listUnitContacts(db, snv.id)).toEqual([
        {
          unitId: snv.id,
          role: 'reporter',
          name: 'Nguyễn Văn An',
          email: 'an.nv@hanam.gov.vn',
          phone: '+84987654321',
          zaloUserId: null,
        },
        {
          unitId: snv.id,
          role: 'head',
          name: 'Trần Văn Bình',
          email: 'giamdoc@hanam.gov.vn',
          phone: null,
          zaloUserId: null,
        },
      ]);
    });

    it('keeps a renamed unit as one unit with two versions', async () => {
      const csv = [
        'code,name,type,parent_code,valid_from,valid_to',
        'SNV.TCBC,Phòng Tổ chức,phòng,SNV,01/01/2021,01/01/2024',
        'SNV.TCBC,Phòng Tổ chức – Biên chế,phòng,SNV,01/01/2024,',
      ].join('\n');
      await importUnits(db, { files: [file('doi-ten.csv', csv)] }, options);
      const [before, after] = [
        await getUnitAt(db, 'SNV.TCBC', '2023-12-31'),
        await getUnitAt(db, 'SNV.TCBC', '2024-01-01'),
      ];
      expect([before.name, after.name]).toEqual(['Phòng Tổ chức', 'Phòng Tổ chức – Biên chế']);
      expect(after.id).toBe(before.id);
    });
  });

  describe('bad input: a precise error, nothing written', () => {
    it('UNIT_FILE_UNREADABLE, UNIT_FORMAT_UNKNOWN, UNIT_JSON_INVALID (syntax with its line, shape with its path)', async () => {
      expect(await refused({ files: [path.join(dir, 'khong-co.csv')] })).toEqual([
        `UNIT_FILE_UNREADABLE: không đọc được tệp: không có tệp này (${path.join(dir, 'khong-co.csv')})`,
      ]);
      expect(codes(await refused({ files: [file('khac.json', { ke_hoach: [] })] }))).toEqual(['UNIT_FORMAT_UNKNOWN']);
      const broken = file('hong.json', '{\n  "data": [\n    { "level1_id": "35", }\n  ]\n}');
      const [syntax] = await refused({ files: [broken], format: 'dvhcvn' });
      expect(syntax).toMatch(/^UNIT_JSON_INVALID: tệp không phải JSON hợp lệ \(.*\) \(.*hong\.json, dòng 3\)$/);
      const shape = structuredClone(NATIONAL) as { data: Array<{ level2s: Array<Record<string, unknown>> }> };
      delete shape.data[1]!.level2s[0]!.name;
      shape.data[0]!.level2s[0]!.level3s = 'không';
      expect(await refused({ files: [file('sai-hinh.json', shape)], format: 'dvhcvn' })).toEqual([
        `UNIT_JSON_INVALID: phải là danh sách, không phải "không" (${path.join(dir, 'sai-hinh.json')}, trường data[0].level2s[0].level3s)`,
        `UNIT_JSON_INVALID: thiếu trường này (${path.join(dir, 'sai-hinh.json')}, trường data[1].level2s[0].name)`,
      ]);
    });

    it('UNIT_CSV_INVALID, UNIT_CSV_COLUMN_MISSING, UNIT_CSV_COLUMN_UNKNOWN with the line', async () => {
      const unclosed = file(
        'ngoac.csv',
        'code,name,type,parent_code,valid_from\nA,Phòng A,phòng,35,01/01/2024\nB,"Phòng B,phòng,35,01/01/2024\n',
      );
      expect(await refused({ files: [unclosed] })).toEqual([
        `UNIT_CSV_INVALID: dấu ngoặc kép mở mà không đóng (${unclosed}, dòng 3)`,
      ]);
      const header = file('cot.csv', 'code,name,loai,valid_from\nA,Phòng A,phòng,01/01/2024\n');
      expect(codes(await refused({ files: [header] }))).toEqual([
        'UNIT_CSV_COLUMN_UNKNOWN',
        'UNIT_CSV_COLUMN_MISSING',
        'UNIT_CSV_COLUMN_MISSING',
      ]);
      const cells = file('o.csv', 'code,name,type,parent_code,valid_from\nA,Phòng A,phòng,35\n');
      expect((await refused({ files: [cells] }))[0]).toMatch(
        /^UNIT_CSV_INVALID: số ô của dòng khác số cột của dòng tiêu đề .*, dòng 2\)$/,
      );
    });

    it('every bad cell of a CSV at once: code, name, type, dates, validity, email, phone', async () => {
      const csv = file(
        'o-sai.csv',
        [
          'code,name,type,parent_code,valid_from,valid_to,reporter_email,head_phone',
          'A B,Phòng A,phòng,35,01/01/2024,,,',
          'B,,phòng,35,01/01/2024,,,',
          'C,Phòng C,bộ,35,01/01/2024,,,',
          'D,Phòng D,phòng,35,30/02/2024,,,',
          'E,Phòng E,phòng,35,01/01/2024,01/01/2023,,',
          'F,Phòng F,phòng,35,01/01/2024,,f@,',
          'G,Phòng G,phòng,35,01/01/2024,,,024 3825 6789',
        ].join('\n'),
      );
      const lines = await refused({ files: [csv] });
      expect(codes(lines)).toEqual([
        'UNIT_CODE_INVALID',
        'UNIT_NAME_MISSING',
        'UNIT_TYPE_UNKNOWN',
        'UNIT_DATE_INVALID',
        'UNIT_VALIDITY_INVALID',
        'UNIT_CONTACT_EMAIL_INVALID',
        'UNIT_CONTACT_PHONE_INVALID',
      ]);
      expect(lines.map((line) => /dòng (\d+), cột (\w+)\)$/.exec(line)?.slice(1).join(' '))).toEqual([
        '2 code',
        '3 name',
        '4 type',
        '5 valid_from',
        '6 valid_to',
        '7 reporter_email',
        '8 head_phone',
      ]);
    });

    it('UNIT_PARENT_UNKNOWN, UNIT_PARENT_NOT_VALID, UNIT_CYCLE, UNIT_VALIDITY_OVERLAP, UNIT_NOT_FOUND', async () => {
      const tree = (name: string, ...rows: string[]) =>
        file(name, ['code,name,type,parent_code,valid_from,valid_to,reporter_name', ...rows].join('\n'));
      expect(await refused({ files: [tree('cha.csv', 'X,Phòng X,phòng,99,01/01/2024,,')] })).toEqual([
        `UNIT_PARENT_UNKNOWN: không có đơn vị nào mã 99 (cấp trên của X), trong tệp cũng như trong cơ sở dữ liệu (${path.join(dir, 'cha.csv')}, dòng 2, cột parent_code)`,
      ]);
      expect(
        await refused({
          files: [tree('cha-het.csv', 'X,Phòng X,phòng,X0,01/01/2024,,', 'X0,Ban X0,ban,35,01/01/2024,01/01/2025,')],
        }),
      ).toEqual([
        `UNIT_PARENT_NOT_VALID: cấp trên X0 không có hiệu lực suốt thời gian từ 01/01/2024 của đơn vị X (mã X0 chỉ có hiệu lực: 01/01/2024 – 01/01/2025) (${path.join(dir, 'cha-het.csv')}, dòng 2, cột parent_code)`,
      ]);
      expect(
        await refused({ files: [tree('vong.csv', 'X,Ban X,ban,Y,01/01/2024,,', 'Y,Ban Y,ban,X,01/01/2024,,')] }),
      ).toEqual([
        `UNIT_CYCLE: vòng lặp cấp trên: X "Ban X" → Y "Ban Y" → X "Ban X"; một đơn vị không thể là cấp trên của chính nó (${path.join(dir, 'vong.csv')}, dòng 2, cột parent_code)`,
      ]);
      expect(await refused({ files: [tree('trung.csv', 'SNV,Sở Nội vụ,sở,35,01/06/2023,,')] })).toEqual([
        `UNIT_VALIDITY_OVERLAP: mã SNV: SNV "Sở Nội vụ" (từ 01/06/2023) trùng thời gian hiệu lực với SNV "Sở Nội vụ tỉnh Hà Nam" (từ 01/01/2021, đã có trong cơ sở dữ liệu, nguồn csv); một mã chỉ thuộc một đơn vị tại mỗi thời điểm (${path.join(dir, 'trung.csv')}, dòng 2, cột valid_from)`,
      ]);
      expect(await refused({ files: [tree('lien-he.csv', 'ZZ,,,,,,Lê Văn C')] })).toEqual([
        `UNIT_NOT_FOUND: không có đơn vị mã ZZ vào ngày 01/09/2025 để ghi người liên hệ (${path.join(dir, 'lien-he.csv')}, dòng 2, cột code)`,
      ]);
    });

    it('UNIT_VALID_FROM_AFTER_DATA for the national list', async () => {
      expect(
        codes(await refused({ files: [path.join(dir, 'units-2025-03-01.json')], validFrom: '2025-04-01' })),
      ).toEqual(['UNIT_VALID_FROM_AFTER_DATA']);
    });

    it('UNIT_REFORM_CHILD_ORPHANED, UNIT_REFORM_UNIT_UNKNOWN, UNIT_REFORM_MISMATCH for a reform', async () => {
      const merges = file('reform-2025-07-01-merges.json', MERGES);
      file('reform-2025-07-01-splits.json', SPLITS);
      const orphan = await refused({ files: [merges] });
      expect(orphan).toEqual([
        'UNIT_REFORM_CHILD_ORPHANED: đơn vị PNV-PL "Phòng Nội vụ thành phố Phủ Lý" (nguồn csv) thuộc 347 "Thành phố Phủ Lý", đơn vị này hết hiệu lực ngày 01/07/2025 và không có đơn vị kế thừa; hãy chuyển nó sang một cấp trên khác hoặc cho nó hết hiệu lực từ ngày đó (cột valid_to của tệp CSV), rồi áp dụng lại bản đồ sắp xếp',
      ]);
      const unknown = structuredClone(MERGES);
      unknown.data[0]!.level2s[1]!.merges[0]!.old_id = '14330';
      const badMerges = file('reform-2025-07-01-x-merges.json', unknown);
      const lines = await refused({ files: [badMerges, path.join(dir, 'reform-2025-07-01-splits.json')] });
      expect(codes(lines)).toEqual([
        'UNIT_REFORM_UNIT_UNKNOWN',
        'UNIT_REFORM_MISMATCH',
        'UNIT_REFORM_MISMATCH',
        'UNIT_REFORM_CHILD_ORPHANED',
      ]);
      expect(lines[0]).toBe(
        `UNIT_REFORM_UNIT_UNKNOWN: không có đơn vị hành chính mã 14330 còn hiệu lực ngày 30/06/2025; hãy nhập danh mục đơn vị hành chính trước khi áp dụng bản đồ sắp xếp (${badMerges}, trường data[0].level2s[1].merges[0].old_id)`,
      );
      expect(lines[1]).toContain('reform-2025-07-01-splits.json, trường data[1].level3s[0].splits[0].new_id)');
    });

    it('rolls back a write that fails half-way', async () => {
      const csv = file(
        'nhieu.csv',
        ['code,name,type,parent_code,valid_from', 'K1,Phòng K1,phòng,35,01/01/2024'].join('\n'),
      );
      let advanced = 0;
      const failing: ImportProgress = {
        start: () => undefined,
        advance: () => {
          if (++advanced === 2) throw new Error('mất kết nối giữa chừng');
        },
        stop: () => undefined,
      };
      await expect(refused({ files: [csv] }, failing)).rejects.toThrow('mất kết nối giữa chừng');
      expect(advanced).toBe(2);
      expect(await findUnitAt(db, 'K1', '2024-06-01')).toBeUndefined();
    });
  });
});
