import { parseContactEmail, parseContactPhone } from '../../../domain/units/contact-fields';
import { normaliseUnitCode, normaliseUnitName } from '../../../domain/units/unit-text';
import { parseUnitType, unitTypesOfLevel } from '../../../domain/units/unit-type';

describe('unit names, codes and types', () => {
  it('stores a name typed in NFD (or mixed) as NFC, so both spellings are the same unit', () => {
    const nfc = 'Phường Trúc Bạch';
    const nfd = nfc.normalize('NFD');
    const mixed = `Phường ${'Trúc'.normalize('NFD')} Bạch`;
    expect(nfd).not.toBe(nfc);
    expect(normaliseUnitName(nfd)).toBe(nfc);
    expect(normaliseUnitName(`  ${mixed}\t`)).toBe(nfc);
    expect(normaliseUnitName('Phòng  Thi đua –\u00a0Khen thưởng')).toBe('Phòng Thi đua – Khen thưởng');
  });

  it('accepts official and agency codes, refuses empty ones and ones with spaces or punctuation', () => {
    expect(normaliseUnitCode(' 00004 ')).toBe('00004');
    expect(normaliseUnitCode('000.00.12.H12')).toBe('000.00.12.H12');
    expect(normaliseUnitCode('SNV/TĐKT')).toBe('SNV/TĐKT');
    expect(normaliseUnitCode('')).toBeUndefined();
    expect(normaliseUnitCode('SNV TDKT')).toBeUndefined();
    expect(normaliseUnitCode('-01')).toBeUndefined();
  });

  it('reads a type by its code or its Vietnamese label in any case or normal form', () => {
    expect(parseUnitType('thi-tran')).toBe('thi-tran');
    expect(parseUnitType('Thị trấn')).toBe('thi-tran');
    expect(parseUnitType('THỊ TRẤN'.normalize('NFD'))).toBe('thi-tran');
    expect(parseUnitType('Thành phố Trung ương')).toBe('thanh-pho-trung-uong');
    expect(parseUnitType('sở')).toBe('so');
    expect(parseUnitType('Phòng')).toBe('phong');
    expect(parseUnitType('bộ')).toBeUndefined();
    expect(unitTypesOfLevel('commune')).toEqual(['xa', 'phuong', 'thi-tran', 'dac-khu']);
  });

  it('stores mobile numbers in E.164 whatever way they are written, and refuses landlines and typos', () => {
    for (const written of ['0912 345 678', '0912.345.678', '+84 912-345-678', '84912345678', '(091) 234-5678']) {
      expect(parseContactPhone(written)).toEqual({ value: '+84912345678' });
    }
    expect(parseContactPhone('024 3825 6789')).toHaveProperty('error');
    expect(parseContactPhone('091234567')).toHaveProperty('error');
    expect(parseContactEmail(' tdkt@snv.caobang.gov.vn ')).toEqual({ value: 'tdkt@snv.caobang.gov.vn' });
    expect(parseContactEmail('tdkt@snv')).toEqual({ error: '"tdkt@snv" không phải là địa chỉ email' });
  });
});
