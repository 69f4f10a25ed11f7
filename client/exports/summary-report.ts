import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { formatCivilDate, parseInstant, vietnamCivilDate, type CivilDate } from '../../domain/civil-time';
import { formatPercent, levelLabel, type ComplianceFigures } from '../../domain/obligation/compliance-figures';
import { COMPLIANCE_STATUS_LABELS } from '../../domain/obligation/compliance-status';
import type { ComplianceReport } from './compliance-report';
import {
  FONT,
  PAGE,
  TEXT_WIDTH,
  bodyParagraph,
  documentHeader,
  documentTitle,
  run,
  signatureBlock,
  type Signature,
} from './nd30-layout';
import { documentDateLine, formatInstantVi, placeOfIssuer } from './vietnamese-dates';

/** What the person issuing the report decides; everything has a default from the plan. */
export interface SummaryReportOptions {
  /** Địa danh of the date line; by default the place in the plan issuer's name ("UBND tỉnh Cao Bằng" → "Cao Bằng"). */
  place?: string | undefined;
  /** The document's date; by default the day of the report's `now`. */
  date?: CivilDate | undefined;
  /** The issuing body and its cơ quan chủ quản; by default the plan's owner under the plan's issuer. */
  issuingBody?: { parent?: string | undefined; name: string } | undefined;
  /** The số, filled in by the văn thư when the report is registered; blank by default. */
  number?: string | undefined;
  /** The ký hiệu after "BC-"; by default the issuing body's initials ("Sở Nội vụ" → "SNV"). */
  symbol?: string | undefined;
  /** Quyền hạn, chức vụ and họ tên of the signer; placeholders the user fills by default. */
  signer?: Partial<Signature> | undefined;
  /** Nơi nhận, without the leading "- "; by default the plan's issuer, the units, and the archive. */
  recipients?: string[] | undefined;
  /**
   * At most this many rows in the overdue table (200 by default), most days late first: a report to sign is not the
   * place for thousands of rows — the sentence above the table gives the full count, the workbook the full list.
   */
  overdueLimit?: number | undefined;
}

export const SIGNER_PLACEHOLDER: Signature = { title: '[Chức vụ người ký]', name: '[Họ và tên]' };

/** A body's initials for a ký hiệu: "Sở Nội vụ" → "SNV", "Phòng Hành chính - Tổ chức" → "PHCTC". */
export function initialsOf(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((word) => /\p{L}/u.test(word))
    .map((word) => word.normalize('NFD').replace(/\p{M}/gu, '').charAt(0).toLocaleUpperCase('vi'))
    .join('');
}

/**
 * "Báo cáo tổng hợp kết quả …" of a scope as a .docx laid out per Nghị định 30/2020/NĐ-CP (nd30-layout.ts): the
 * header with the issuing body, Số/ký hiệu, Quốc hiệu and Tiêu ngữ, place and date; the title; the figures per level
 * in sentences and a table; the overdue list; nominations by field and form; the signature and Nơi nhận. The signer
 * and the số are placeholders unless given, for the user to fill before signing.
 */
export async function summaryReport(report: ComplianceReport, options: SummaryReportOptions = {}): Promise<Buffer> {
  const { outline } = report;
  const issuingBody = options.issuingBody ?? { parent: outline.issuer, name: outline.owner.name };
  const symbol = options.symbol ?? initialsOf(issuingBody.name);
  const date = options.date ?? vietnamCivilDate(parseInstant(report.now));
  const place = options.place ?? placeOfIssuer(outline.issuer) ?? '……';
  const subject = report.milestone
    ? `mốc "${report.milestone.title}" của Kế hoạch số ${outline.code}`
    : `Kế hoạch số ${outline.code}`;
  const document = new Document({
    creator: 'Đôn đốc',
    title: `Báo cáo tổng hợp kết quả ${subject}`,
    styles: { default: { document: { run: { font: FONT, size: 28 } } } },
    sections: [
      {
        properties: PAGE,
        children: [
          documentHeader({
            parentBody: issuingBody.parent,
            body: issuingBody.name,
            numberLine: `Số: ${options.number ?? '       '}/BC-${symbol}`,
            dateLine: documentDateLine(place, date),
          }),
          ...documentTitle('Báo cáo', `Tổng hợp kết quả thực hiện ${subject}`),
          bodyParagraph(
            `Thực hiện Kế hoạch số ${outline.code} của ${outline.issuer} (${outline.title}), ${outline.owner.name} ` +
              `tổng hợp kết quả báo cáo ${report.milestone ? `mốc "${report.milestone.title}"` : 'các mốc của kế hoạch'} ` +
              'của các đơn vị như sau:',
          ),
          ...resultsSection(report),
          ...overdueSection(report, options.overdueLimit ?? 200),
          ...nominationsSection(report),
          heading('IV. ĐỀ XUẤT, KIẾN NGHỊ'),
          bodyParagraph('……………………………………………………………………………………………'),
          bodyParagraph(`Trên đây là báo cáo tổng hợp kết quả thực hiện ${subject} của ${outline.owner.name}./.`),
          signatureBlock(
            options.recipients ?? [`${outline.issuer} (để báo cáo)`, 'Các đơn vị báo cáo', `Lưu: VT, ${symbol}`],
            {
              ...SIGNER_PLACEHOLDER,
              ...options.signer,
            },
          ),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

function heading(text: string): Paragraph {
  return bodyParagraph(text, { bold: true });
}

/** "3 đúng hạn (60%)". */
function part(count: number, label: string, percent: number | null): string {
  return `${count} ${label} (${formatPercent(percent)})`;
}

/** The figures in words: what was owed, and how it stands. */
function figuresSentence(figures: ComplianceFigures): string {
  const parts = [
    part(figures.onTime, 'đúng hạn', figures.percent.onTime),
    part(figures.late, 'trễ hạn', figures.percent.late),
    part(figures.missing, 'chưa nộp', figures.percent.missing),
    ...(figures.overdue > 0 ? [part(figures.overdue, 'quá hạn, đang đôn đốc', figures.percent.overdue)] : []),
    ...(figures.open > 0 ? [`${figures.open} chưa đến hạn`] : []),
  ];
  const besides = [
    ...(figures.exempt > 0 ? [`${figures.exempt} được miễn`] : []),
    ...(figures.cancelled > 0 ? [`${figures.cancelled} đã huỷ`] : []),
  ];
  return (
    `${figures.expected} báo cáo phải nộp${besides.length ? ` (ngoài ra ${besides.join(', ')})` : ''}: ${parts.join(', ')}` +
    `${figures.extended > 0 ? `; ${figures.extended} báo cáo được gia hạn` : ''}.`
  );
}

function resultsSection(report: ComplianceReport): Array<Paragraph | Table> {
  const { summary, outline } = report;
  return [
    heading('I. KẾT QUẢ BÁO CÁO CỦA CÁC ĐƠN VỊ'),
    bodyParagraph(`Tính đến ${formatInstantVi(report.now)}, có ${figuresSentence(summary.overall)}`),
    ...summary.levels.map((level) =>
      bodyParagraph(`- ${levelLabel(outline.levels, level.level)}: ${figuresSentence(level)}`),
    ),
    caption('Bảng 1. Kết quả báo cáo theo cấp'),
    dataTable(
      ['Cấp', 'Tổng số', 'Đúng hạn', 'Trễ hạn', 'Chưa nộp', 'Quá hạn', 'Được miễn', 'Gia hạn', 'Tỷ lệ đúng hạn'],
      [1803, 944, 944, 944, 944, 944, 944, 944, 944],
      [
        ...summary.levels.map((level) => levelCells(levelLabel(outline.levels, level.level), level)),
        levelCells('Tổng cộng', summary.overall),
      ],
      { boldLastRow: true },
    ),
  ];
}

function levelCells(label: string, figures: ComplianceFigures): string[] {
  return [
    label,
    String(figures.total),
    String(figures.onTime),
    String(figures.late),
    String(figures.missing),
    String(figures.overdue),
    String(figures.exempt),
    String(figures.extended),
    formatPercent(figures.percent.onTime),
  ];
}

function overdueSection(report: ComplianceReport, limit: number): Array<Paragraph | Table> {
  const { overdue, outline, milestone } = report;
  const title = heading('II. CÁC ĐƠN VỊ QUÁ HẠN, CHƯA NỘP BÁO CÁO');
  if (overdue.length === 0) return [title, bodyParagraph('Không có đơn vị nào quá hạn hoặc chưa nộp báo cáo.')];
  const milestoneTitle = (id: string) => outline.milestones.find((m) => m.id === id)?.title ?? id;
  const withMilestone = !milestone;
  return [
    title,
    bodyParagraph(
      `Có ${overdue.length} báo cáo quá hạn hoặc chưa nộp (số ngày trễ tính đến ${formatInstantVi(report.now)})` +
        (overdue.length > limit
          ? `; dưới đây là ${limit} báo cáo trễ nhiều ngày nhất, danh sách đầy đủ tại bảng tính kèm theo:`
          : ', nhiều ngày trễ nhất trước:'),
    ),
    caption('Bảng 2. Danh sách đơn vị quá hạn, chưa nộp báo cáo'),
    dataTable(
      ['STT', 'Đơn vị', 'Đơn vị cấp trên', ...(withMilestone ? ['Mốc'] : []), 'Hạn nộp', 'Số ngày trễ', 'Tình trạng'],
      withMilestone ? [600, 2200, 1900, 1655, 1200, 800, 1000] : [700, 3000, 2455, 1300, 900, 1000],
      overdue
        .slice(0, limit)
        .map((row, index) => [
          String(index + 1),
          `${row.unitName} (${row.unitCode})`,
          row.parentUnitName ?? row.parentUnitCode ?? '',
          ...(withMilestone ? [milestoneTitle(row.milestoneId)] : []),
          formatCivilDate(row.lastDay),
          String(row.daysLate ?? ''),
          COMPLIANCE_STATUS_LABELS[row.status],
        ]),
    ),
  ];
}

const FORMS = ['tập thể', 'hộ gia đình', 'cá nhân'] as const;

function nominationsSection(report: ComplianceReport): Array<Paragraph | Table> {
  const title = heading('III. ĐỀ NGHỊ ĐIỂN HÌNH TIÊN TIẾN');
  const { nominations } = report;
  if (nominations.length === 0) return [title, bodyParagraph('Chưa có đơn vị nào đề nghị điển hình tiên tiến.')];
  const byForm = (form: string) => nominations.filter((n) => n.form === form).reduce((sum, n) => sum + n.count, 0);
  const total = nominations.reduce((sum, n) => sum + n.count, 0);
  const fields = [...new Set(nominations.map((n) => n.field))];
  const count = (field: string | null, form: string) =>
    nominations.find((n) => n.field === field && n.form === form)?.count ?? 0;
  return [
    title,
    bodyParagraph(
      `Các đơn vị đề nghị ${total} điển hình tiên tiến: ` +
        `${FORMS.map((form) => `${byForm(form)} ${form}`).join(', ')}; theo lĩnh vực như sau:`,
    ),
    caption('Bảng 3. Đề nghị điển hình tiên tiến theo lĩnh vực'),
    dataTable(
      ['Lĩnh vực', 'Tập thể', 'Hộ gia đình', 'Cá nhân', 'Cộng'],
      [3755, 1400, 1400, 1400, 1400],
      [
        ...fields.map((field) => [
          field ?? 'Không ghi lĩnh vực',
          ...FORMS.map((form) => String(count(field, form))),
          String(FORMS.reduce((sum, form) => sum + count(field, form), 0)),
        ]),
        ['Tổng cộng', ...FORMS.map((form) => String(byForm(form))), String(total)],
      ],
      { boldLastRow: true },
    ),
  ];
}

function caption(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 120, after: 60 },
    children: [run(text, { size: 13, italics: true })],
  });
}

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

/** A bordered table of text at 13 pt across the text width, its header bold and centred, numbers centred. */
function dataTable(
  headers: readonly string[],
  widths: readonly number[],
  rows: ReadonlyArray<readonly string[]>,
  options: { boldLastRow?: boolean } = {},
): Table {
  // The last column takes what the others leave of the text width, so the table spans it exactly.
  const columns = [...widths.slice(0, -1), TEXT_WIDTH - widths.slice(0, -1).reduce((sum, width) => sum + width, 0)];
  const line = (cells: readonly string[], bold: boolean, header = false) =>
    new TableRow({
      tableHeader: header,
      children: cells.map(
        (text, index) =>
          new TableCell({
            width: { size: columns[index] ?? 900, type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
            children: [
              new Paragraph({
                alignment:
                  header || (index > 0 && /^[\d,.%—]+$/.test(text)) ? AlignmentType.CENTER : AlignmentType.LEFT,
                spacing: { before: 40, after: 40 },
                children: [run(text, { size: 13, bold })],
              }),
            ],
          }),
      ),
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: columns,
    layout: TableLayoutType.FIXED,
    borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
    rows: [
      line(headers, true, true),
      ...rows.map((cells, index) => line(cells, (options.boldLastRow ?? false) && index === rows.length - 1)),
    ],
  });
}
