/**
 * Kinds of unit, as stable ASCII codes (stored in the database, typed in CSV files) with their Vietnamese labels.
 * Administrative units follow Luật Tổ chức chính quyền địa phương (cấp tỉnh, cấp huyện until 01/07/2025, cấp xã);
 * the rest are agencies and their parts (sở, ban, phòng…), which may nest to any depth.
 */
export const UnitType = {
  tinh: 'tinh',
  thanhPhoTrungUong: 'thanh-pho-trung-uong',
  huyen: 'huyen',
  quan: 'quan',
  thiXa: 'thi-xa',
  /** A city at district level. Thủ Đức (thuộc thành phố trung ương) is filed here too: same level, same role. */
  thanhPhoThuocTinh: 'thanh-pho-thuoc-tinh',
  xa: 'xa',
  phuong: 'phuong',
  thiTran: 'thi-tran',
  /** Special zone (đặc khu), a commune-level unit created by the 2025 reform for island districts. */
  dacKhu: 'dac-khu',
  so: 'so',
  ban: 'ban',
  phong: 'phong',
  chiCuc: 'chi-cuc',
  trungTam: 'trung-tam',
  /** Any other agency or organisation (ngành, đoàn thể, đơn vị sự nghiệp…). */
  coQuan: 'co-quan',
} as const;
export type UnitType = (typeof UnitType)[keyof typeof UnitType];

/** Where a type sits: the three administrative levels, or an agency (which can sit under any unit). */
export const UnitLevel = { province: 'province', district: 'district', commune: 'commune', agency: 'agency' } as const;
export type UnitLevel = (typeof UnitLevel)[keyof typeof UnitLevel];

export const UNIT_TYPE_LABELS: Readonly<Record<UnitType, string>> = {
  tinh: 'tỉnh',
  'thanh-pho-trung-uong': 'thành phố trung ương',
  huyen: 'huyện',
  quan: 'quận',
  'thi-xa': 'thị xã',
  'thanh-pho-thuoc-tinh': 'thành phố thuộc tỉnh',
  xa: 'xã',
  phuong: 'phường',
  'thi-tran': 'thị trấn',
  'dac-khu': 'đặc khu',
  so: 'sở',
  ban: 'ban',
  phong: 'phòng',
  'chi-cuc': 'chi cục',
  'trung-tam': 'trung tâm',
  'co-quan': 'cơ quan',
};

export const UNIT_TYPE_LEVELS: Readonly<Record<UnitType, UnitLevel>> = {
  tinh: 'province',
  'thanh-pho-trung-uong': 'province',
  huyen: 'district',
  quan: 'district',
  'thi-xa': 'district',
  'thanh-pho-thuoc-tinh': 'district',
  xa: 'commune',
  phuong: 'commune',
  'thi-tran': 'commune',
  'dac-khu': 'commune',
  so: 'agency',
  ban: 'agency',
  phong: 'agency',
  'chi-cuc': 'agency',
  'trung-tam': 'agency',
  'co-quan': 'agency',
};

/** The types of one level, e.g. every commune-level type. */
export function unitTypesOfLevel(level: UnitLevel): UnitType[] {
  return (Object.keys(UNIT_TYPE_LEVELS) as UnitType[]).filter((type) => UNIT_TYPE_LEVELS[type] === level);
}

export function isAdministrative(type: UnitType): boolean {
  return UNIT_TYPE_LEVELS[type] !== 'agency';
}

const BY_TEXT = new Map<string, UnitType>(
  (Object.entries(UNIT_TYPE_LABELS) as Array<[UnitType, string]>).flatMap(([type, label]) => [
    [type, type],
    [label, type],
  ]),
);

/**
 * Reads a type as a person writes it: the code (`thi-tran`) or the label in any case (`Thị trấn`, `THỊ TRẤN`),
 * NFC or NFD. Undefined when it is neither.
 */
export function parseUnitType(text: string): UnitType | undefined {
  return BY_TEXT.get(text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi'));
}
