/** One row of a units CSV (db/import/README.md), as the demo writes it. */
export interface DemoUnitRow {
  code: string;
  name: string;
  type: string;
  parent: string;
  reporter?: string;
  head?: string;
}

/** The first day every demo unit is in force: before the seed plans' first milestones (Quý III/2021). */
export const DEMO_VALID_FROM = '2021-01-01';

/** Contacts live on the reserved domain example.invalid (RFC 6761): nothing sent to them can reach anyone. */
const DOMAIN = 'demo.example.invalid';

/**
 * The units the seed plans name beside the Cao Bằng office (plans/units/cao-bang-vp-ubnd.csv): each plan's owner and
 * the units its scope takes children of, with a few agencies under each UBND so the plans have someone to ask. Codes
 * are the plans' own; the provinces '35', '60' and the town '572' stand alone here (the national tree is not copied;
 * import it from ../shared/data/dvhcvn/ for real work).
 */
export const SEED_PLAN_UNITS: readonly DemoUnitRow[] = [
  { code: '70-STTTT', name: 'Sở Thông tin và Truyền thông tỉnh Bình Phước', type: 'sở', parent: '' },
  { code: '70-STTTT-VP', name: 'Văn phòng Sở', type: 'phòng', parent: '70-STTTT', head: 'Chánh Văn phòng Sở' },
  { code: '70-STTTT-BCXB', name: 'Phòng Thông tin - Báo chí - Xuất bản', type: 'phòng', parent: '70-STTTT' },
  {
    code: '70-STTTT-CNTT',
    name: 'Trung tâm Công nghệ thông tin và Truyền thông',
    type: 'trung tâm',
    parent: '70-STTTT',
  },
  { code: '60', name: 'Tỉnh Bình Thuận', type: 'tỉnh', parent: '' },
  { code: '60-UBND', name: 'UBND tỉnh Bình Thuận', type: 'cơ quan', parent: '' },
  { code: '60-SNV', name: 'Sở Nội vụ tỉnh Bình Thuận', type: 'sở', parent: '', head: 'Giám đốc Sở Nội vụ' },
  { code: '60-SGDDT', name: 'Sở Giáo dục và Đào tạo tỉnh Bình Thuận', type: 'sở', parent: '60-UBND' },
  { code: '60-SYT', name: 'Sở Y tế tỉnh Bình Thuận', type: 'sở', parent: '60-UBND' },
  { code: '35', name: 'Tỉnh Hà Nam', type: 'tỉnh', parent: '' },
  { code: '35-UBND', name: 'UBND tỉnh Hà Nam', type: 'cơ quan', parent: '' },
  { code: '35-SNV', name: 'Sở Nội vụ tỉnh Hà Nam', type: 'sở', parent: '', head: 'Giám đốc Sở Nội vụ' },
  { code: '35-SVHTTDL', name: 'Sở Văn hóa, Thể thao và Du lịch tỉnh Hà Nam', type: 'sở', parent: '35-UBND' },
  { code: '35-STTTT', name: 'Sở Thông tin và Truyền thông tỉnh Hà Nam', type: 'sở', parent: '35-UBND' },
  { code: '572', name: 'Thị xã Ninh Hòa', type: 'thị xã', parent: '' },
  { code: '572-UBND', name: 'UBND thị xã Ninh Hòa', type: 'cơ quan', parent: '' },
  { code: '572-PNV', name: 'Phòng Nội vụ thị xã Ninh Hòa', type: 'phòng', parent: '', head: 'Trưởng phòng Nội vụ' },
  { code: '572-PVHTT', name: 'Phòng Văn hóa và Thông tin thị xã Ninh Hòa', type: 'phòng', parent: '572-UBND' },
];

/** The made-up province's districts and their communes; every code starts with DEMO-, which no real unit has. */
const DISTRICTS = [
  { code: 'DEMO-H01', name: 'Huyện An Hòa', type: 'huyện', communes: ['Xã An Phú', 'Xã An Thịnh', 'Thị trấn An Hòa'] },
  { code: 'DEMO-H02', name: 'Huyện Bình Lạc', type: 'huyện', communes: ['Xã Bình Minh', 'Xã Bình Yên', 'Xã Bình Sơn'] },
  {
    code: 'DEMO-H03',
    name: 'Thị xã Phú Thịnh',
    type: 'thị xã',
    communes: ['Phường Phú Xuân', 'Phường Phú Hòa', 'Xã Phú Lộc'],
  },
] as const;

function communeType(name: string): string {
  return name.startsWith('Phường') ? 'phường' : name.startsWith('Thị trấn') ? 'thị trấn' : 'xã';
}

/**
 * The generated province of the demo, "Tỉnh An Lạc (tỉnh mẫu)": three districts of three communes each, the UBND
 * tỉnh and its Sở Nội vụ (the demo plan's owner). Every unit has a reporter and a head on example.invalid.
 */
export function demoProvinceUnits(): DemoUnitRow[] {
  const rows: DemoUnitRow[] = [
    { code: 'DEMO-T', name: 'Tỉnh An Lạc (tỉnh mẫu)', type: 'tỉnh', parent: '', head: 'Chủ tịch UBND tỉnh' },
    { code: 'DEMO-UBND', name: 'UBND tỉnh An Lạc', type: 'cơ quan', parent: '', head: 'Chủ tịch UBND tỉnh' },
    {
      code: 'DEMO-SNV',
      name: 'Sở Nội vụ tỉnh An Lạc',
      type: 'sở',
      parent: 'DEMO-UBND',
      reporter: 'Ban Thi đua - Khen thưởng',
      head: 'Giám đốc Sở Nội vụ',
    },
  ];
  for (const district of DISTRICTS) {
    rows.push({
      code: district.code,
      name: district.name,
      type: district.type,
      parent: 'DEMO-T',
      reporter: `Văn thư ${district.name}`,
      head: `Chủ tịch UBND ${district.name}`,
    });
    district.communes.forEach((name, index) => {
      rows.push({
        code: `${district.code}-X${index + 1}`,
        name,
        type: communeType(name),
        parent: district.code,
        reporter: `Văn thư ${name}`,
        head: `Chủ tịch UBND ${name}`,
      });
    });
  }
  return rows;
}

/** An address on the reserved domain for a unit's reporter or head: `van-thu.demo-h01-x1@demo.example.invalid`. */
export function demoAddress(role: 'van-thu' | 'thu-truong', code: string): string {
  return `${role}.${code.toLowerCase()}@${DOMAIN}`;
}

function cell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The rows as a units CSV with contacts (reporter → văn thư, head → thủ trưởng), ready for `importUnits`. */
export function demoUnitsCsv(rows: readonly DemoUnitRow[]): string {
  const header = 'code,name,type,parent_code,valid_from,reporter_name,reporter_email,head_name,head_email';
  const lines = rows.map((row) =>
    [
      row.code,
      row.name,
      row.type,
      row.parent,
      DEMO_VALID_FROM,
      row.reporter ?? '',
      row.reporter ? demoAddress('van-thu', row.code) : '',
      row.head ?? '',
      row.head ? demoAddress('thu-truong', row.code) : '',
    ]
      .map(cell)
      .join(','),
  );
  return [header, ...lines].join('\n') + '\n';
}
