import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A part of Cao Bằng from the real national data in ../shared/data/dvhcvn (read in place; only a filtered extract is
 * written, to a temporary folder): three districts whose communes the 2025 reform merged among themselves — Bảo Lâm,
 * Bảo Lạc and Hạ Lang, 43 communes before the reform, 17 after — plus the Sở Nội vụ that owns the plan, and a
 * reporter and a head for every unit, on example.invalid.
 */
export const CAO_BANG = '04';
export const DISTRICTS = ['042', '043', '048'] as const;
const DATA = path.resolve(__dirname, '../../../shared/data/dvhcvn');

interface Commune {
  level3_id: string;
  name: string;
  type: string;
}
interface District {
  level2_id: string;
  name: string;
  type: string;
  level3s: Commune[];
}
interface Province {
  level1_id: string;
  name: string;
  type: string;
  level2s: District[];
}

export interface CaoBangFiles {
  /** The national list (state of 01/03/2025), cut to the province and the three districts. */
  units: string;
  /** The reform's merges file (its splits file beside it), cut to the communes of those districts. */
  reform: string;
  /** The owner and the contacts of the old units (from 2021) and of the new communes (from 01/07/2025). */
  contacts: string;
  /** Old communes by district, and each old commune's new commune. */
  districts: Array<{ code: string; name: string; communes: Array<{ code: string; name: string }> }>;
  successorOf: Map<string, { code: string; name: string }>;
  newCommunes: Array<{ code: string; name: string }>;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(path.join(DATA, file), 'utf8')) as T;

/** The emails of a unit's reporter and head; new communes (which may reuse an old code) get their own. */
export const reporterEmail = (code: string, reformed = false) =>
  `vt-${code}${reformed ? '-moi' : ''}@caobang.example.invalid`;
export const headEmail = (code: string, reformed = false) =>
  `ct-${code}${reformed ? '-moi' : ''}@caobang.example.invalid`;
export const OWNER = '04-SNV';
export const OWNER_HEAD = 'giam-doc@snv.caobang.example.invalid';

export function writeCaoBangSubset(dir: string): CaoBangFiles {
  const national = readJson<{ data: Province[]; data_date: string; generate_date: string; stats: unknown }>(
    'units-2025-03-01.json',
  );
  const province = national.data.find((p) => p.level1_id === CAO_BANG)!;
  const districts = province.level2s.filter((d) => (DISTRICTS as readonly string[]).includes(d.level2_id));
  const oldCommunes = new Set(districts.flatMap((d) => d.level3s.map((c) => c.level3_id)));
  const units = path.join(dir, 'units-2025-03-01.json');
  writeFileSync(
    units,
    JSON.stringify({ ...national, data: [{ ...province, level2s: districts }], stats: undefined }),
    'utf8',
  );

  type MergeEntry = { old_id: string; name: string; type: string };
  type NewCommune = { level2_id: string; name: string; merges: MergeEntry[] };
  const merges = readJson<{ data: Array<{ level1_id: string; level2s: NewCommune[] } & Record<string, unknown>> }>(
    'reform-2025-07-01-merges.json',
  );
  const mergedProvince = merges.data.find((p) => p.level1_id === CAO_BANG)!;
  const newCommunes = mergedProvince.level2s.filter((n) => n.merges.every((m) => oldCommunes.has(m.old_id)));
  type SplitProvince = { level1_id: string; level3s: Array<{ level3_id: string }> } & Record<string, unknown>;
  const splits = readJson<{ data: SplitProvince[] }>('reform-2025-07-01-splits.json');
  const splitProvince = splits.data.find((p) => p.level1_id === CAO_BANG)!;
  const reform = path.join(dir, 'reform-2025-07-01-merges.json');
  writeFileSync(reform, JSON.stringify({ data: [{ ...mergedProvince, level2s: newCommunes }] }), 'utf8');
  writeFileSync(
    path.join(dir, 'reform-2025-07-01-splits.json'),
    JSON.stringify({
      data: [{ ...splitProvince, level3s: splitProvince.level3s.filter((c) => oldCommunes.has(c.level3_id)) }],
    }),
    'utf8',
  );

  const successorOf = new Map<string, { code: string; name: string }>();
  for (const n of newCommunes) for (const m of n.merges) successorOf.set(m.old_id, { code: n.level2_id, name: n.name });
  const rows = [
    'code,name,type,parent_code,valid_from,reporter_name,reporter_email,head_name,head_email',
    `${OWNER},Sở Nội vụ tỉnh Cao Bằng,Sở,${CAO_BANG},2021-01-01,Cán bộ Ban Thi đua - Khen thưởng,tdkt@snv.caobang.example.invalid,Giám đốc Sở Nội vụ,${OWNER_HEAD}`,
    ...districts.flatMap((d) => [
      contactRow(d.level2_id, d.name, '2021-01-01', false),
      ...d.level3s.map((c) => contactRow(c.level3_id, c.name, '2021-01-01', false)),
    ]),
    ...newCommunes.map((n) => contactRow(n.level2_id, n.name, '2025-07-01', true)),
  ];
  const contacts = path.join(dir, 'contacts.csv');
  writeFileSync(contacts, rows.join('\n') + '\n', 'utf8');
  return {
    units,
    reform,
    contacts,
    districts: districts.map((d) => ({
      code: d.level2_id,
      name: d.name,
      communes: d.level3s.map((c) => ({ code: c.level3_id, name: c.name })),
    })),
    successorOf,
    newCommunes: newCommunes.map((n) => ({ code: n.level2_id, name: n.name })),
  };
}

/** A contacts-only row: it sets the contacts of the unit that has the code on that date. */
function contactRow(code: string, name: string, from: string, reformed: boolean): string {
  return `${code},,,,${from},Văn thư ${name},${reporterEmail(code, reformed)},Chủ tịch UBND ${name},${headEmail(code, reformed)}`;
}
/**
 * The Cao Bằng plan 2021–2025 at province scale, as the scenario runs it: the seed plans' milestones (Quý III/2021
 * selection, Quý III/2023 review, the 2025 final review — opened in June, so the reform of 01/07/2025 falls in its
 * window — and the nominations for the Quý III/2025 congress, which open on the reform's first day), over the units
 * under the province, reporting in two levels with communes three working days before their district.
 */
export const caoBangPlan = (code: string) => `format: 1
code: ${code}
title: Xây dựng và nhân rộng điển hình tiên tiến giai đoạn 2021 - 2025
issuer: UBND tỉnh Cao Bằng
period: 2021-2025
owner: { unit: 04-SNV, name: Sở Nội vụ tỉnh Cao Bằng }
scope:
  units: [{ children_of: '04' }]
  levels: [cấp huyện, cấp xã]
amendable: true
milestones:
  - id: lua-chon-2021
    kind: lựa chọn
    title: Lựa chọn, xây dựng cơ cấu, số lượng gương điển hình
    when: Quý III/2021
    reports:
      - id: co-cau
        title: Cơ cấu, số lượng gương điển hình
        due: chậm nhất ngày 20/9
        cascade: { gap: 3 ngày làm việc }
        nominations: { forms: [tập thể, cá nhân], quota: không quá 02 điển hình }
  - id: so-ket-2023
    kind: sơ kết
    title: Sơ kết công tác xây dựng và nhân rộng điển hình tiên tiến
    when: Quý III/2023
    reports:
      - id: bao-cao-so-ket
        title: Báo cáo sơ kết
        due: chậm nhất ngày 15/9
        cascade: { gap: 3 ngày làm việc }
  - id: tong-ket-2025
    kind: tổng kết
    title: Tổng kết giai đoạn 2021 - 2025
    when: tháng 6/2025
    reports:
      - id: bao-cao-tong-ket
        title: Báo cáo tổng kết
        due: chậm nhất ngày 15/7
        cascade: { gap: 3 ngày làm việc }
  - id: dai-hoi-2025
    kind: đại hội
    title: Đề nghị khen thưởng tại Đại hội thi đua yêu nước tỉnh lần thứ VI
    when: Quý III/2025
    reports:
      - id: de-nghi-khen-thuong
        title: Đề nghị biểu dương, khen thưởng điển hình tiên tiến
        due: chậm nhất ngày 15/9
        cascade: { gap: 3 ngày làm việc }
        nominations: { forms: [tập thể, cá nhân], quota: không quá 02 điển hình }
`;
