import type { CivilDate } from '../civil-time';
import { parseContactEmail, parseContactPhone, parseContactZaloUserId } from './contact-fields';
import type { UnitCsvRow } from './unit-csv';
import { UnitIssueCode, type SourceLocation, type UnitIssue } from './unit-issue';
import { ContactRole, type UnitContactRecord } from './unit-records';
import { normaliseUnitCode, normaliseUnitName } from './unit-text';
import { parseUnitType, type UnitType } from './unit-type';
import { parseUserDate } from './user-date';
import type { Validity } from './validity';

/** One CSV row read as a period of a unit. */
export interface UnitRow extends Validity {
  line: number;
  code: string;
  name: string;
  type: UnitType;
  parentCode: string | null;
}

/** What one CSV row says about contacts, and of which unit (by code, on a date). */
export interface ContactRow {
  line: number;
  code: string;
  /** For a contacts-only row: the date at which the code is looked up. */
  date: CivilDate;
  contacts: Array<Omit<UnitContactRecord, 'unitId'>>;
}

/**
 * Reads one CSV row's cells: a unit row (code, name, type, dates, parent code, contacts) or a contacts-only row (code,
 * optional date, contacts; see plan-csv-import.ts). Pushes an issue per bad cell, in column order, and returns
 * undefined for a row with any.
 */
export function readCsvRow(
  row: UnitCsvRow,
  options: { defaultValidFrom: CivilDate | undefined; today: CivilDate },
  at: (line: number, field: string) => SourceLocation,
  issues: UnitIssue[],
): { unit: UnitRow | undefined; contacts: ContactRow } | undefined {
  const { cells, line } = row;
  const before = issues.length;
  const code = normaliseUnitCode(cells.code);
  if (code === undefined) {
    const message =
      cells.code.trim() === '' ? 'thiếu mã đơn vị' : `mã "${cells.code}" không hợp lệ (chỉ gồm chữ, số và . - _ /)`;
    issues.push({ code: UnitIssueCode.codeInvalid, message, location: at(line, 'code') });
  }
  const date = (field: 'valid_from' | 'valid_to', fallback: CivilDate | undefined) => {
    if (cells[field].trim() === '') return fallback;
    const parsed = parseUserDate(cells[field]);
    if ('date' in parsed) return parsed.date;
    issues.push({ code: UnitIssueCode.dateInvalid, message: parsed.error, location: at(line, field) });
    return undefined;
  };
  const contactsOnly = [cells.name, cells.type, cells.parent_code, cells.valid_to].every((cell) => cell.trim() === '');
  if (contactsOnly) {
    const on = date('valid_from', options.defaultValidFrom ?? options.today);
    const contacts = parseContacts(row, at, issues);
    return issues.length > before
      ? undefined
      : { unit: undefined, contacts: { line, code: code!, date: on!, contacts } };
  }
  const name = normaliseUnitName(cells.name);
  if (name === '')
    issues.push({ code: UnitIssueCode.nameMissing, message: 'thiếu tên đơn vị', location: at(line, 'name') });
  const type = parseUnitType(cells.type);
  if (type === undefined) {
    issues.push({
      code: UnitIssueCode.typeUnknown,
      message: `loại "${cells.type}" không có; dùng một trong: tỉnh, huyện, xã, phường, sở, ban, phòng, chi cục, trung tâm, cơ quan…`,
      location: at(line, 'type'),
    });
  }
  const validFrom = date('valid_from', options.defaultValidFrom);
  if (validFrom === undefined && cells.valid_from.trim() === '') {
    issues.push({
      code: UnitIssueCode.dateInvalid,
      message: 'thiếu ngày bắt đầu hiệu lực (hoặc cho ngày chung bằng --valid-from)',
      location: at(line, 'valid_from'),
    });
  }
  const validTo = date('valid_to', undefined) ?? null;
  if (validFrom !== undefined && validTo !== null && validTo <= validFrom) {
    issues.push({
      code: UnitIssueCode.validityInvalid,
      message: `ngày hết hiệu lực ${cells.valid_to.trim()} phải sau ngày bắt đầu ${cells.valid_from.trim() || validFrom}`,
      location: at(line, 'valid_to'),
    });
  }
  const parentCode = cells.parent_code.trim() === '' ? null : normaliseUnitCode(cells.parent_code);
  if (parentCode === undefined) {
    issues.push({
      code: UnitIssueCode.codeInvalid,
      message: `mã cấp trên "${cells.parent_code}" không hợp lệ`,
      location: at(line, 'parent_code'),
    });
  }
  const contacts = parseContacts(row, at, issues);
  if (issues.length > before) return undefined;
  const unit = { line, code: code!, name, type: type!, parentCode: parentCode!, validFrom: validFrom!, validTo };
  return { unit, contacts: { line, code: code!, date: validFrom!, contacts } };
}

function parseContacts(
  row: UnitCsvRow,
  at: (line: number, field: string) => SourceLocation,
  issues: UnitIssue[],
): ContactRow['contacts'] {
  const contacts: ContactRow['contacts'] = [];
  for (const role of [ContactRole.reporter, ContactRole.head]) {
    const name = normaliseUnitName(row.cells[`${role}_name`]) || null;
    const emailCell = row.cells[`${role}_email`].trim();
    const phoneCell = row.cells[`${role}_phone`].trim();
    const zaloCell = row.cells[`${role}_zalo_user_id`].trim();
    const email = emailCell === '' ? { value: null } : parseContactEmail(emailCell);
    const phone = phoneCell === '' ? { value: null } : parseContactPhone(phoneCell);
    const zalo = zaloCell === '' ? { value: null } : parseContactZaloUserId(zaloCell);
    if ('error' in email) {
      const location = at(row.line, `${role}_email`);
      issues.push({ code: UnitIssueCode.contactEmailInvalid, message: email.error, location });
    }
    if ('error' in phone) {
      const location = at(row.line, `${role}_phone`);
      issues.push({ code: UnitIssueCode.contactPhoneInvalid, message: phone.error, location });
    }
    if ('error' in zalo) {
      const location = at(row.line, `${role}_zalo_user_id`);
      issues.push({ code: UnitIssueCode.contactZaloUserIdInvalid, message: zalo.error, location });
    }
    if ('value' in email && 'value' in phone && 'value' in zalo && (name || email.value || phone.value || zalo.value)) {
      contacts.push({ role, name, email: email.value, phone: phone.value, zaloUserId: zalo.value });
    }
  }
  return contacts;
}
