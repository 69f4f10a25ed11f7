import ExcelJS from 'exceljs';
import type { ComplianceRow } from '../../db/compliance.repository';
import { formatCivilDate, parseInstant, vietnamCivilDate } from '../../domain/civil-time';
import { levelLabel, type ComplianceFigures } from '../../domain/obligation/compliance-figures';
import { COMPLIANCE_STATUS_LABELS, lastDayOf } from '../../domain/obligation/compliance-status';
import type { ComplianceReport } from './compliance-report';
import { formatInstantVi, spreadsheetDate } from './vietnamese-dates';

/** The columns of a level's sheet, in order. */
export const LEVEL_SHEET_HEADERS = [
  'STT',
  'Mã đơn vị',
  'Tên đơn vị',
  'Đơn vị cấp trên',
  'Mốc',
  'Báo cáo',
  'Hạn nộp',
  'Ngày nộp',
  'Tình trạng',
  'Số ngày trễ',
  'Gia hạn',
  'Ghi chú',
] as const;

const LEVEL_SHEET_WIDTHS = [6, 14, 30, 30, 30, 30, 12, 12, 12, 11, 9, 50];

/** The columns of the summary's table of levels. */
export const SUMMARY_HEADERS = [
  'Cấp',
  'Tổng số',
  'Đúng hạn',
  'Trễ hạn',
  'Chưa nộp',
  'Quá hạn',
  'Trong hạn',
  'Được miễn',
  'Đã huỷ',
  'Gia hạn',
  'Tỷ lệ đúng hạn',
  'Tỷ lệ đã nộp',
] as const;

export const SUMMARY_SHEET_NAME = 'Tổng hợp';
const DATE_FORMAT = 'dd/mm/yyyy';
const PERCENT_FORMAT = '0.0%';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };

/**
 * The compliance of a scope as an .xlsx workbook: a summary sheet ("Tổng hợp": the counts and rates per level and
 * the nominations by field and form), then one sheet per reporting level named after the plan's label ("Cấp
 * huyện"), each report one row with Vietnamese headings, the header row frozen and filters on every column. Dates
 * are real dates shown as dd/mm/yyyy. Never throws for an empty scope: the sheets are there with their headers.
 */
export async function complianceWorkbook(report: ComplianceReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Đôn đốc';
  workbook.created = new Date(parseInstant(report.now));
  addSummarySheet(workbook, report);
  const levels = [...new Set([...report.outline.levels.keys(), ...report.rows.map((row) => row.level)])]
    .filter((level) => report.scope.level === undefined || level === report.scope.level)
    .sort((a, b) => a - b);
  const used = new Set([SUMMARY_SHEET_NAME]);
  for (const level of levels) {
    const name = uniqueSheetName(levelLabel(report.outline.levels, level), used);
    addLevelSheet(
      workbook.addWorksheet(name),
      report,
      report.rows.filter((row) => row.level === level),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Excel's rules for sheet names: at most 31 characters, none of : \ / ? * [ ], unique regardless of case. */
function uniqueSheetName(wanted: string, used: Set<string>): string {
  const base = wanted.replace(/[:\\/?*[\]]/g, '-').slice(0, 31) || 'Cấp';
  let name = base;
  for (let n = 2; [...used].some((u) => u.toLowerCase() === name.toLowerCase()); n += 1) {
    name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  }
  used.add(name);
  return name;
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = { bottom: { style: 'thin' } };
  });
}

function titleOf(report: ComplianceReport): string[] {
  const { outline, milestone, now } = report;
  return [
    `TÌNH HÌNH BÁO CÁO — KẾ HOẠCH ${outline.code}`.toLocaleUpperCase('vi'),
    outline.title,
    milestone ? `Mốc: ${milestone.title}` : 'Tất cả các mốc của kế hoạch',
    `Số liệu tính đến ${formatInstantVi(now)}`,
  ];
}

/** A percentage with one decimal as the fraction a `0.0%` cell holds (33.3 → 0.333, exactly). */
function percentValue(percent: number | null): number | null {
  return percent === null ? null : Math.round(percent * 10) / 1000;
}

function summaryValues(label: string, figures: ComplianceFigures): Array<string | number | null> {
  return [
    label,
    figures.total,
    figures.onTime,
    figures.late,
    figures.missing,
    figures.overdue,
    figures.open,
    figures.exempt,
    figures.cancelled,
    figures.extended,
    percentValue(figures.percent.onTime),
    percentValue(figures.percent.submitted),
  ];
}

function addSummarySheet(workbook: ExcelJS.Workbook, report: ComplianceReport): void {
  const sheet = workbook.addWorksheet(SUMMARY_SHEET_NAME);
  sheet.columns = SUMMARY_HEADERS.map((_, index) => ({ width: index === 0 ? 28 : 12 }));
  for (const [index, line] of titleOf(report).entries()) {
    const row = sheet.addRow([line]);
    row.font = { bold: index === 0, size: index === 0 ? 13 : 11 };
  }
  sheet.addRow([]);
  const header = sheet.addRow([...SUMMARY_HEADERS]);
  styleHeader(header);
  for (const level of report.summary.levels) {
    sheet.addRow(summaryValues(levelLabel(report.outline.levels, level.level), level));
  }
  const total = sheet.addRow(summaryValues('Tổng cộng', report.summary.overall));
  total.font = { bold: true };
  for (const column of [11, 12]) sheet.getColumn(column).numFmt = PERCENT_FORMAT;
  sheet.views = [{ state: 'frozen', ySplit: header.number }];

  sheet.addRow([]);
  sheet.addRow(['Đề nghị điển hình tiên tiến']).font = { bold: true };
  styleHeader(sheet.addRow(['Lĩnh vực', 'Hình thức', 'Số điển hình', 'Số đơn vị đề nghị']));
  if (report.nominations.length === 0) sheet.addRow(['Chưa có đề nghị nào']);
  for (const nomination of report.nominations) {
    sheet.addRow([nomination.field ?? 'Không ghi lĩnh vực', nomination.form, nomination.count, nomination.units]);
  }
}

function addLevelSheet(sheet: ExcelJS.Worksheet, report: ComplianceReport, rows: readonly ComplianceRow[]): void {
  sheet.columns = LEVEL_SHEET_HEADERS.map((header, index) => ({ header, width: LEVEL_SHEET_WIDTHS[index] }));
  styleHeader(sheet.getRow(1));
  const milestones = new Map(report.outline.milestones.map((m) => [m.id, m]));
  for (const [index, row] of rows.entries()) {
    const milestone = milestones.get(row.milestoneId);
    const added = sheet.addRow([
      index + 1,
      row.unitCode,
      row.unitName,
      row.parentUnitName ?? row.parentUnitCode ?? '',
      milestone?.title ?? row.milestoneId,
      milestone?.reports.find((r) => r.id === row.reportId)?.title ?? row.reportId,
      spreadsheetDate(row.lastDay),
      row.submittedAt ? spreadsheetDate(vietnamCivilDate(parseInstant(row.submittedAt))) : null,
      COMPLIANCE_STATUS_LABELS[row.status],
      row.daysLate,
      row.extended ? 'Có' : '',
      notesOf(row),
    ]);
    added.alignment = { vertical: 'top', wrapText: true };
  }
  for (const column of [7, 8]) sheet.getColumn(column).numFmt = DATE_FORMAT;
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: 12 } };
}

/** What a leader needs beside the status: who extended or exempted and why, who answers now, how far it escalated. */
function notesOf(row: ComplianceRow): string {
  const notes: string[] = [];
  if (row.extended) {
    notes.push(
      `Gia hạn từ ${formatCivilDate(lastDayOf(row.originalDueAt))} đến ${formatCivilDate(row.lastDay)}` +
        `${row.extensionReason ? `: ${row.extensionReason}` : ''} (${row.extendedBy})`,
    );
  }
  if (row.exemptedBy)
    notes.push(`Miễn báo cáo${row.exemptionReason ? `: ${row.exemptionReason}` : ''} (${row.exemptedBy})`);
  if (row.assignedUnitCode) notes.push(`Đơn vị ${row.assignedUnitCode} tiếp nhận sau sắp xếp đơn vị hành chính`);
  if (row.escalationStep > 0) notes.push(`Đã leo thang ${row.escalationStep} bước`);
  return notes.join('; ');
}
