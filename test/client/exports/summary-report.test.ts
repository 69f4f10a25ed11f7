import { randomInt } from 'node:crypto';
import JSZip from 'jszip';
import { loadComplianceReport } from '../../../client/exports/compliance-report';
import { initialsOf, summaryReport } from '../../../client/exports/summary-report';
import { documentDateLine, placeOfIssuer } from '../../../client/exports/vietnamese-dates';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-databases';
import { seedCompliance } from '../../db/compliance-fixture';

/** Ten days after the communes' deadline of the first milestone. */
const NOW = '2031-09-27T10:00:00+07:00';

const unescape = (text: string) =>
  text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');

/** The text of each run element (`<w:r>…</w:r>`) with its properties XML. */
function runs(xml: string): Array<{ text: string; props: string }> {
  return [...xml.matchAll(/<w:r>(.*?)<\/w:r>/gs)].map(([, inner]) => ({
    text: unescape([...inner!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
    props: /<w:rPr>(.*?)<\/w:rPr>/s.exec(inner!)?.[1] ?? '',
  }));
}

/** The text of each paragraph, in order. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map(([p]) =>
    runs(p)
      .map((r) => r.text)
      .join(''),
  );
}

/** Each table as rows of cell texts. */
function tables(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>.*?<\/w:tbl>/gs)].map(([table]) =>
    [...table.matchAll(/<w:tr[ >].*?<\/w:tr>/gs)].map(([row]) =>
      [...row.matchAll(/<w:tc>.*?<\/w:tc>/gs)].map(([cell]) => paragraphs(cell).join('\n')),
    ),
  );
}

function attribute(xml: string, element: string, name: string): number {
  const tag = new RegExp(`<w:${element} [^>]*>`).exec(xml)?.[0] ?? '';
  return Number(new RegExp(`w:${name}="(\\d+)"`).exec(tag)?.[1]);
}

const TWIPS_PER_MM = 1440 / 25.4;

describe('summary report (.docx per Nghị định 30/2020)', () => {
  let database: TestDatabase;
  let xml: string;
  const code = `${randomInt(100, 999)}/KH-UBND`;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await seedCompliance(database.db, code);
    const report = await loadComplianceReport(database.db, { planCode: code, milestoneId: 'so-ket-2031' }, NOW);
    const buffer = await summaryReport(report, { place: 'Cao Bằng', date: '2026-11-22' });
    xml = await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string');
  });
  afterAll(async () => database?.close());

  it('is A4 with the margins of NĐ 30, in Times New Roman throughout at the sizes it prescribes', () => {
    expect([attribute(xml, 'pgSz', 'w'), attribute(xml, 'pgSz', 'h')]).toEqual([11906, 16838]);
    const margins = ['top', 'bottom', 'left', 'right'].map((side) => attribute(xml, 'pgMar', side));
    expect(margins).toEqual([1134, 1134, 1701, 851]);
    const [top, bottom, left, right] = margins.map((twips) => twips / TWIPS_PER_MM);
    expect([top! >= 20 && top! <= 25, bottom! >= 20 && bottom! <= 25]).toEqual([true, true]);
    expect([left! >= 30 && left! <= 35, right! >= 15 && right! <= 20]).toEqual([true, true]);

    const all = runs(xml).filter((r) => r.text !== '');
    expect(all.length).toBeGreaterThan(50);
    expect(all.filter((r) => !r.props.includes('w:ascii="Times New Roman"'))).toEqual([]);
    const sizes = new Set(all.map((r) => /<w:sz w:val="(\d+)"/.exec(r.props)?.[1]));
    expect([...sizes].sort()).toEqual(['22', '24', '26', '28']);
    // The body is 14 pt (28 half-points).
    const body = all.find((r) => r.text.startsWith('Thực hiện Kế hoạch số'))!;
    expect(body.props).toContain('<w:sz w:val="28"/>');
  });

  it('heads the page with the issuing body, the số, the Quốc hiệu and Tiêu ngữ, and the italic place and date', () => {
    const [header] = tables(xml);
    expect(header).toEqual([
      [
        `UBND TỈNH THỬ NGHIỆM\nSỞ NỘI VỤ\n\nSố:        /BC-SNV`,
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nCao Bằng, ngày 22 tháng 11 năm 2026',
      ],
    ]);
    const find = (text: string) => runs(xml).find((r) => r.text === text)!.props;
    expect(find('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toMatch(/<w:b\/>.*<w:sz w:val="26"\/>/s);
    expect(find('Độc lập - Tự do - Hạnh phúc')).toMatch(/<w:b\/>.*<w:sz w:val="28"\/>.*<w:u w:val="single"\/>/s);
    expect(find('SỞ NỘI VỤ')).toMatch(/<w:b\/>.*<w:sz w:val="26"\/>/s);
    expect(find('UBND TỈNH THỬ NGHIỆM')).not.toContain('<w:b/>');
    expect(find('Cao Bằng, ngày 22 tháng 11 năm 2026')).toMatch(/<w:i\/>.*<w:sz w:val="28"\/>/s);
    // The header table has no borders.
    const headerTable = /<w:tbl>.*?<\/w:tblPr>/s.exec(xml)![0];
    expect(headerTable).toMatch(/<w:tblBorders>(<w:\w+ w:val="none"[^>]*\/>){6}<\/w:tblBorders>/);
    // The short line under the issuing body: a top border on an empty paragraph.
    expect(xml).toMatch(/<w:pBdr><w:top w:val="single"[^>]*\/><\/w:pBdr>/);
  });

  it('titles the report in bold capitals, centred, with its subtitle', () => {
    const text = paragraphs(xml);
    const title = text.indexOf('BÁO CÁO');
    expect(title).toBeGreaterThan(0);
    expect(text[title + 1]).toBe(`Tổng hợp kết quả thực hiện mốc "Sơ kết năm 2031" của Kế hoạch số ${code}`);
    const titleParagraph = [...xml.matchAll(/<w:p>.*?<\/w:p>/gs)].map(([p]) => p).find((p) => p.includes('>BÁO CÁO<'));
    expect(titleParagraph).toContain('<w:jc w:val="center"/>');
    expect(runs(xml).find((r) => r.text === 'BÁO CÁO')!.props).toMatch(/<w:b\/>.*<w:sz w:val="28"\/>/s);
  });

  it('gives the figures per level in sentences and in a table', () => {
    const text = paragraphs(xml);
    expect(text).toContain(
      'Tính đến 27/09/2031 10:00, có 5 báo cáo phải nộp (ngoài ra 1 được miễn): 3 đúng hạn (60%), 1 trễ hạn (20%), ' +
        '1 chưa nộp (20%); 1 báo cáo được gia hạn.',
    );
    expect(text).toContain(
      '- Cấp huyện: 2 báo cáo phải nộp: 2 đúng hạn (100%), 0 trễ hạn (0%), 0 chưa nộp (0%); 1 báo cáo được gia hạn.',
    );
    expect(text).toContain(
      '- Cấp xã: 3 báo cáo phải nộp (ngoài ra 1 được miễn): 1 đúng hạn (33,3%), 1 trễ hạn (33,3%), 1 chưa nộp (33,3%).',
    );
    const levels = tables(xml).find((t) => t[0]?.[0] === 'Cấp')!;
    expect(levels).toEqual([
      ['Cấp', 'Tổng số', 'Đúng hạn', 'Trễ hạn', 'Chưa nộp', 'Quá hạn', 'Được miễn', 'Gia hạn', 'Tỷ lệ đúng hạn'],
      ['Cấp huyện', '2', '2', '0', '0', '0', '0', '1', '100%'],
      ['Cấp xã', '4', '1', '1', '1', '0', '1', '0', '33,3%'],
      ['Tổng cộng', '6', '3', '1', '1', '0', '1', '1', '60%'],
    ]);
  });

  it('lists the overdue units by days late and the nominations by field and form', () => {
    expect(paragraphs(xml)).toContain(
      'Có 1 báo cáo quá hạn hoặc chưa nộp (số ngày trễ tính đến 27/09/2031 10:00), nhiều ngày trễ nhất trước:',
    );
    const overdue = tables(xml).find((t) => t[0]?.[0] === 'STT')!;
    expect(overdue).toEqual([
      ['STT', 'Đơn vị', 'Đơn vị cấp trên', 'Hạn nộp', 'Số ngày trễ', 'Tình trạng'],
      ['1', 'Xã Hai Một (X21)', 'Huyện Hai', '17/09/2031', '10', 'Chưa nộp'],
    ]);
    expect(paragraphs(xml)).toContain(
      'Các đơn vị đề nghị 2 điển hình tiên tiến: 1 tập thể, 0 hộ gia đình, 1 cá nhân; theo lĩnh vực như sau:',
    );
    expect(tables(xml).find((t) => t[0]?.[0] === 'Lĩnh vực')).toEqual([
      ['Lĩnh vực', 'Tập thể', 'Hộ gia đình', 'Cá nhân', 'Cộng'],
      ['Kinh tế', '1', '0', '0', '1'],
      ['Văn hoá - xã hội', '0', '0', '1', '1'],
      ['Tổng cộng', '1', '0', '1', '2'],
    ]);
  });

  it('ends with the signature to fill in and the Nơi nhận in italic bold 12 pt, its entries 11 pt', () => {
    const signature = tables(xml).at(-1)!;
    expect(signature).toEqual([
      [
        'Nơi nhận:\n- UBND tỉnh Thử Nghiệm (để báo cáo);\n- Các đơn vị báo cáo;\n- Lưu: VT, SNV.',
        '[CHỨC VỤ NGƯỜI KÝ]\n\n\n\n\n[Họ và tên]',
      ],
    ]);
    const props = (text: string) => runs(xml).find((r) => r.text === text)!.props;
    expect(props('Nơi nhận:')).toMatch(/<w:b\/>.*<w:i\/>.*<w:sz w:val="24"\/>/s);
    expect(props('- Lưu: VT, SNV.')).toContain('<w:sz w:val="22"/>');
    expect(props('[CHỨC VỤ NGƯỜI KÝ]')).toMatch(/<w:b\/>/);
    expect(paragraphs(xml)).toContain(
      `Trên đây là báo cáo tổng hợp kết quả thực hiện mốc "Sơ kết năm 2031" của Kế hoạch số ${code} của Sở Nội vụ./.`,
    );
  });

  it('keeps the overdue table to the most days late when the list is long, giving the full count', async () => {
    const report = await loadComplianceReport(database.db, { planCode: code }, '2032-09-20T10:00:00+07:00');
    const buffer = await summaryReport(report, { overdueLimit: 2 });
    const whole = await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string');
    expect(paragraphs(whole)).toContain(
      'Có 3 báo cáo quá hạn hoặc chưa nộp (số ngày trễ tính đến 20/09/2032 10:00); dưới đây là 2 báo cáo trễ nhiều ' +
        'ngày nhất, danh sách đầy đủ tại bảng tính kèm theo:',
    );
    expect(
      tables(whole)
        .find((t) => t[0]?.[0] === 'STT')!
        .map((row) => [row[1], row[3], row[5]]),
    ).toEqual([
      ['Đơn vị', 'Mốc', 'Số ngày trễ'],
      ['Xã Hai Một (X21)', 'Sơ kết năm 2031', '369'],
      ['Xã Một Một (X11)', 'Tổng kết năm 2032', '3'],
    ]);
    // Without a place or a date: the province in the issuer's name, and the day of `now`.
    expect(paragraphs(whole)).toContain('Thử Nghiệm, ngày 20 tháng 9 năm 2032');
  });

  it('writes dates and places as NĐ 30 does, and ký hiệu from the body', () => {
    expect(documentDateLine('Cao Bằng', '2026-02-05')).toBe('Cao Bằng, ngày 05 tháng 02 năm 2026');
    expect(documentDateLine('Hà Nội', '2026-03-15')).toBe('Hà Nội, ngày 15 tháng 3 năm 2026');
    expect(placeOfIssuer('Văn phòng UBND tỉnh Cao Bằng')).toBe('Cao Bằng');
    expect(placeOfIssuer('UBND thành phố Hồ Chí Minh')).toBe('Hồ Chí Minh');
    expect(placeOfIssuer('Bộ Nội vụ')).toBeUndefined();
    expect([initialsOf('Sở Nội vụ'), initialsOf('Phòng Hành chính - Tổ chức')]).toEqual(['SNV', 'PHCTC']);
  });
});
