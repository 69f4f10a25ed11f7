/**
 * Building blocks of an administrative document laid out per Nghị định 30/2020/NĐ-CP về công tác văn thư, Phụ lục I
 * (thể thức và kỹ thuật trình bày văn bản hành chính): A4 paper, Times New Roman, the margins, the header with the
 * issuing body and the Quốc hiệu – Tiêu ngữ, the place and date, the title, the signature and the Nơi nhận. Sizes are
 * in points here and written in half-points, as Word stores them.
 */
import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  UnderlineType,
  WidthType,
  type ISectionPropertiesOptions,
} from 'docx';

export const FONT = 'Times New Roman';

/** Millimetres to twips (1/1440 inch), the unit of page sizes and margins in Word; rounded up, never under. */
export function mmToTwips(mm: number): number {
  return Math.ceil((mm * 1440) / 25.4 - 1e-9);
}

/** A4, 210 × 297 mm. */
export const A4 = { width: 11906, height: 16838 } as const;

/** Within NĐ 30's ranges: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
export const MARGINS = {
  top: mmToTwips(20),
  bottom: mmToTwips(20),
  left: mmToTwips(30),
  right: mmToTwips(15),
} as const;

/** The width of the text between the margins, for tables. */
export const TEXT_WIDTH = A4.width - MARGINS.left - MARGINS.right;

export const PAGE: ISectionPropertiesOptions = {
  page: { size: { width: A4.width, height: A4.height }, margin: { ...MARGINS, header: 720, footer: 720 } },
};

export interface RunStyle {
  /** Points (13 → `w:sz` 26). */
  size?: number;
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
}

/** A run in Times New Roman at the given size (14 pt unless told), each run carrying its font. */
export function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({
    text,
    font: FONT,
    size: (style.size ?? 14) * 2,
    bold: style.bold ?? false,
    italics: style.italics ?? false,
    ...(style.underline ? { underline: { type: UnderlineType.SINGLE } } : {}),
  });
}

/** A centred line of one run. */
export function centred(text: string, style: RunStyle = {}, spacing: { before?: number; after?: number } = {}) {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing, children: [run(text, style)] });
}

/**
 * A paragraph of the body: justified, its first line indented 1 cm, 6 pt after, lines 1.15 apart (NĐ 30: indent
 * 1–1.27 cm, at least 6 pt between paragraphs, line spacing from single to 1.5 lines).
 */
export function bodyParagraph(children: TextRun[] | string, style: RunStyle = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.BOTH,
    indent: { firstLine: mmToTwips(10) },
    spacing: { before: 0, after: 120, line: 276 },
    children: typeof children === 'string' ? [run(children, style)] : children,
  });
}

/**
 * A short horizontal line under a heading line, centred: NĐ 30 asks for a solid line of a third to a half of the
 * line above's length. Word has no "line under this text" but a paragraph border, so this is an empty paragraph
 * whose top border is shortened by indents. The text's width is estimated from its length (Times New Roman capitals
 * average ~0.62 em).
 */
export function shortLine(textAbove: string, sizePt: number, availableWidth: number, fraction = 0.4): Paragraph {
  const textWidth = Math.min(availableWidth, textAbove.length * 0.62 * sizePt * 20);
  const lineWidth = Math.max(600, Math.round(textWidth * fraction));
  const indent = Math.max(0, Math.round((availableWidth - lineWidth) / 2));
  return new Paragraph({
    indent: { left: indent, right: indent },
    spacing: { before: 0, after: 0, line: 120, lineRule: 'exact' },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [run('', { size: 6 })],
  });
}

function cell(width: number, children: Paragraph[]): TableCell {
  return new TableCell({ width: { size: width, type: WidthType.DXA }, children });
}

/** A table of two columns without borders: how NĐ 30 documents place their header and their signature. */
export function twoColumns(widths: [number, number], left: Paragraph[], right: Paragraph[]): Table {
  return new Table({
    width: { size: widths[0] + widths[1], type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [cell(widths[0], left), cell(widths[1], right)] })],
  });
}

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

export interface DocumentHeader {
  /** Cơ quan chủ quản, above the issuing body ("UBND TỈNH CAO BẰNG"); none for a body without one. */
  parentBody?: string | undefined;
  /** The issuing body ("SỞ NỘI VỤ"). */
  body: string;
  /** "Số: …/BC-SNV" as it will be printed. */
  numberLine: string;
  /** "Cao Bằng, ngày 22 tháng 11 năm 2026". */
  dateLine: string;
}

const HEADER_WIDTHS: [number, number] = [3402, TEXT_WIDTH - 3402];
const CELL_PADDING = 216;

/**
 * The document's header: left the cơ quan chủ quản (capitals, 13 pt), the issuing body (bold capitals, 13 pt, a
 * short line under it) and the Số/ký hiệu (13 pt); right the Quốc hiệu (bold capitals, 13 pt), the Tiêu ngữ (bold,
 * 14 pt, underlined along its length) and the place and date (italic, 14 pt).
 */
export function documentHeader(header: DocumentHeader): Table {
  const parent = header.parentBody?.toLocaleUpperCase('vi');
  const body = header.body.toLocaleUpperCase('vi');
  return twoColumns(
    HEADER_WIDTHS,
    [
      ...(parent ? [centred(parent, { size: 13 })] : []),
      centred(body, { size: 13, bold: true }),
      shortLine(body, 13, HEADER_WIDTHS[0] - CELL_PADDING),
      centred(header.numberLine, { size: 13 }, { before: 120 }),
    ],
    [
      centred(NATIONAL_TITLE, { size: 13, bold: true }),
      centred(MOTTO, { size: 14, bold: true, underline: true }),
      centred(header.dateLine, { size: 14, italics: true }, { before: 240 }),
    ],
  );
}

/** The document's name in bold capitals (14 pt) and its summary line (bold, 14 pt) with a short line under it. */
export function documentTitle(kind: string, summary: string): Paragraph[] {
  return [
    centred(kind.toLocaleUpperCase('vi'), { size: 14, bold: true }, { before: 360 }),
    centred(summary, { size: 14, bold: true }),
    shortLine(summary, 14, TEXT_WIDTH, 0.3),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  ];
}

export interface Signature {
  /** Quyền hạn: "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN"; none when the head signs in their own right. */
  authority?: string | undefined;
  /** Chức vụ: "PHÓ GIÁM ĐỐC". */
  title: string;
  /** Họ và tên. */
  name: string;
}

const SIGNATURE_WIDTHS: [number, number] = [4400, TEXT_WIDTH - 4400];

/**
 * The end of the document: left the "Nơi nhận:" list (the label italic bold 12 pt, its entries 11 pt, each "- …;"
 * and the last "- Lưu: VT, …."), right the signature (quyền hạn and chức vụ in bold capitals, room to sign, the
 * name in bold), each 14 pt.
 */
export function signatureBlock(recipients: readonly string[], signature: Signature): Table {
  const entries = recipients.map(
    (entry, index) =>
      new Paragraph({
        spacing: { before: 0, after: 0 },
        children: [run(`- ${entry}${index === recipients.length - 1 ? '.' : ';'}`, { size: 11 })],
      }),
  );
  return twoColumns(
    SIGNATURE_WIDTHS,
    [
      new Paragraph({
        spacing: { before: 120 },
        children: [run('Nơi nhận:', { size: 12, bold: true, italics: true })],
      }),
      ...entries,
    ],
    [
      ...(signature.authority
        ? [centred(signature.authority.toLocaleUpperCase('vi'), { bold: true }, { before: 120 })]
        : []),
      centred(signature.title.toLocaleUpperCase('vi'), { bold: true }, signature.authority ? {} : { before: 120 }),
      ...[1, 2, 3, 4].map(() => new Paragraph({ children: [run('')] })),
      centred(signature.name, { bold: true }),
    ],
  );
}
