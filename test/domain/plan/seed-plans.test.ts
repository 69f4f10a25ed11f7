import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildWorkingCalendar } from '../../../domain/calendar/working-calendar-builder';
import type { WorkingCalendar } from '../../../domain/calendar/working-calendar';
import { loadPlan } from '../../../domain/plan/load-plan';
import type { ResolvedPlan } from '../../../domain/plan/resolved-plan';
import { loadCalendarFiles } from '../../../runtime/calendar-files';
import { PROJECT_ROOT } from '../../../runtime/project-root';

/** The five seed plans as their files resolve them on the shipped calendar; each assertion quotes the seed text. */
let calendar: WorkingCalendar;
beforeAll(async () => {
  calendar = buildWorkingCalendar(await loadCalendarFiles());
});

function load(file: string): ResolvedPlan {
  const source = readFileSync(path.join(PROJECT_ROOT, 'plans', file), 'utf8');
  return loadPlan(source, `plans/${file}`, calendar).resolved;
}

const windows = (plan: ResolvedPlan) => plan.milestones.map((m) => [m.id, m.kind, m.opensOn, m.closesOn]);
const deadline = (plan: ResolvedPlan, milestone: string) =>
  plan.milestones.find((m) => m.id === milestone)!.reports[0]!.levels[0]!;

describe('seed 001 — Văn phòng UBND tỉnh Cao Bằng, 2021–2025', () => {
  const plan = () => load('cao-bang-vp-ubnd-2021-2025.yaml');

  it('has the three quarters of III.1, the Hội nghị and the Đại hội of 2025', () => {
    expect(windows(plan())).toEqual([
      ['lua-chon-2021', 'lựa chọn', '2021-07-01', '2021-09-30'], // "Trong Quý III/2021: Lựa chọn ..."
      ['so-ket-2023', 'sơ kết', '2023-07-01', '2023-10-02'], // "Quý III/2023: ... sơ kết"
      ['tong-ket-2025', 'tổng kết', '2025-07-01', '2025-09-30'], // "Quý III/2025: Tiếp tục đánh giá ..."
      ['hoi-nghi-2025', 'hội nghị', '2025-07-01', '2025-09-30'], // "Hội nghị điển hình tiên tiến của Văn phòng"
      ['dai-hoi-2025', 'đại hội', '2025-01-01', '2025-12-31'], // "Đại hội thi đua yêu nước tỉnh Cao Bằng lần thứ VI, năm 2025"
    ]);
    expect(plan().owner).toEqual({ unit: '04-VPUB-HCTC', name: 'Phòng Hành chính - Tổ chức' });
  });

  it('moves the sơ kết report off Saturday 30/09/2023 to Monday 02/10/2023 (BLDS 2015 Điều 148)', () => {
    const level = deadline(plan(), 'so-ket-2023');
    expect(level).toMatchObject({
      lastDay: '2023-10-02',
      dueAt: '2023-10-03T00:00:00+07:00',
      moved: { from: '2023-09-30' },
    });
    expect(level.moved!.reason).toContain('Thứ Bảy');
  });

  it('reminds 7, 3 and 1 working days before and on the morning, then escalates after 1, 3 and 5 working days', () => {
    const level = deadline(plan(), 'lua-chon-2021');
    expect(level.lastDay).toBe('2021-09-30');
    expect(level.reminders.map((r) => r.at)).toEqual([
      '2021-09-21T08:00:00+07:00',
      '2021-09-27T08:00:00+07:00',
      '2021-09-29T08:00:00+07:00',
      '2021-09-30T08:00:00+07:00',
    ]);
    expect(level.escalations.map((e) => [e.at, e.notify])).toEqual([
      ['2021-10-01T08:00:00+07:00', ['người báo cáo', 'thủ trưởng đơn vị']],
      ['2021-10-05T08:00:00+07:00', ['thủ trưởng cấp trên']],
      ['2021-10-07T08:00:00+07:00', ['cơ quan chủ trì', 'bản tin lãnh đạo']],
    ]);
  });
});

describe('seed 002 — UBND thị xã Ninh Hòa, 2021–2025', () => {
  const plan = () => load('ninh-hoa-tuyen-truyen-2021-2025.yaml');

  it('reads "trước ngày 31/5/2021" strictly: Sunday 30/05 is the last day, which Điều 148 moves to Monday 31/05', () => {
    expect(deadline(plan(), 'bao-cao-2021')).toMatchObject({ lastDay: '2021-05-31', moved: { from: '2021-05-30' } });
    expect(plan().deadlineReading).toBe('strictly-before');
  });

  it('holds the Hội nghị in June 2022 on Ngày truyền thống thi đua yêu nước 11/6', () => {
    expect(plan().milestones[1]).toMatchObject({
      id: 'hoi-nghi-2022',
      kind: 'hội nghị',
      opensOn: '2022-06-01',
      closesOn: '2022-06-30',
      eventOn: '2022-06-11',
      reports: [],
    });
  });
});

describe('seed 003 — UBND tỉnh Hà Nam, 2023', () => {
  const plan = () => load('ha-nam-tuyen-truyen-2023.yaml');

  it('asks each unit for at most 03 nominations on the two forms, in the fields of III.3 with their lead agencies', () => {
    const report = plan().milestones[0]!.reports[0]!;
    expect(report.nominations).toMatchObject({ forms: ['tập thể', 'cá nhân', 'hộ gia đình'], quota: 3 });
    expect(report.nominations!.fields).toHaveLength(16);
    expect(report.nominations!.fields![0]).toEqual({
      name: 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
      lead: 'Ban Tuyên giáo Tỉnh uỷ',
    });
  });

  it('with no date in the plan, falls due at the end of 2023, moved past Sunday 31/12 and New Year’s Day', () => {
    expect(deadline(plan(), 'gioi-thieu-2023')).toMatchObject({ lastDay: '2024-01-02', moved: { from: '2023-12-31' } });
  });
});

describe('seed 004 — Sở Thông tin và Truyền thông Bình Phước, 2023–2025', () => {
  it('holds a sơ kết every year-end 2023–2025 and the tổng kết in 2025', () => {
    const plan = load('binh-phuoc-stttt-2023-2025.yaml');
    expect(windows(plan)).toEqual([
      ['so-ket-hang-nam-2023', 'sơ kết hằng năm', '2023-12-01', '2024-01-02'], // 31/12/2023 Sunday, 01/01 holiday
      ['so-ket-hang-nam-2024', 'sơ kết hằng năm', '2024-12-01', '2024-12-31'],
      ['so-ket-hang-nam-2025', 'sơ kết hằng năm', '2025-12-01', '2025-12-31'],
      ['tong-ket-2025', 'tổng kết', '2025-01-01', '2025-12-31'],
    ]);
  });
});

describe('seed 000 — 960/KH-UBND Bình Thuận, 2022–2025', () => {
  it('keeps the identity of the truncated text and invents no milestone', () => {
    const plan = load('binh-thuan-960-2022-2025.yaml');
    expect(plan).toMatchObject({
      code: '960/KH-UBND',
      issuer: 'UBND tỉnh Bình Thuận',
      signer: { name: 'Đoàn Anh Dũng' },
      issued: '24/03/2023',
      period: { from: 2022, to: 2025 },
      milestones: [],
    });
  });
});
