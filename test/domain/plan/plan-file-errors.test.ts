import { buildWorkingCalendar } from '../../../domain/calendar/working-calendar-builder';
import { loadPlan } from '../../../domain/plan/load-plan';
import { PlanFileError, type PlanProblem } from '../../../domain/plan/plan-errors';

const calendar = buildWorkingCalendar([]);

/** A small valid plan; each test breaks one line of it. Line numbers below refer to this text. */
const VALID = `format: 1
code: 12/KH-UBND
title: Kế hoạch thử
issuer: UBND tỉnh Cao Bằng
period: 2021-2025
owner: { unit: 04-SNV, name: Sở Nội vụ }
scope:
  units:
    - children_of: '04'
  levels: [cấp huyện, cấp xã]
milestones:
  - id: so-ket-2023
    kind: sơ kết
    title: Sơ kết
    when: Quý III/2023
    reports:
      - id: bao-cao
        title: Báo cáo sơ kết
        due: chậm nhất ngày 20/9
        cascade: { gap: 3 ngày làm việc }
        nominations: { forms: [tập thể, cá nhân], quota: không quá 03 điển hình }
`;

function problemsOf(source: string): PlanProblem[] {
  try {
    loadPlan(source, 'plans/thu.yaml', calendar);
  } catch (error) {
    if (error instanceof PlanFileError) return error.problems;
    throw error;
  }
  throw new Error('the plan was accepted');
}

const replace = (from: string, to: string) => {
  if (!VALID.includes(from)) throw new Error(`fixture has no "${from}"`);
  return VALID.replace(from, to);
};

describe('plan file errors: a stable code, the field and the line, in Vietnamese', () => {
  it('accepts the valid fixture, with a deadline per level', () => {
    const { resolved } = loadPlan(VALID, 'plans/thu.yaml', calendar);
    expect(resolved.milestones[0]!.reports[0]!.levels.map((l) => [l.level, l.lastDay])).toEqual([
      ['cấp huyện', '2023-09-20'],
      ['cấp xã', '2023-09-15'], // 3 working days before Wednesday 20/09
    ]);
  });

  it('formats one problem as the style guide shows', () => {
    expect(() => loadPlan(replace('when: Quý III/2023', 'when: Quý V/2023'), 'plans/thu.yaml', calendar)).toThrow(
      /^PLAN_PHRASE_UNREADABLE: mốc thời gian "Quý V\/2023" không đọc được\. .* \(plans\/thu\.yaml, dòng 15, trường milestones\[0\]\.when\)$/,
    );
  });

  it.each([
    ['broken YAML', replace('levels: [cấp huyện, cấp xã]', 'levels: [cấp huyện, cấp xã'), 'PLAN_YAML_INVALID', 11, ''],
    [
      'a misspelt key',
      replace('    when: Quý III/2023', '    whem: Quý III/2023'),
      'PLAN_FIELD_INVALID',
      15,
      'milestones[0].whem',
    ],
    ['a missing title', replace('title: Kế hoạch thử\n', ''), 'PLAN_FIELD_MISSING', undefined, 'title'],
    [
      'an unknown milestone kind',
      replace('kind: sơ kết', 'kind: tổng hợp'),
      'PLAN_FIELD_INVALID',
      13,
      'milestones[0].kind',
    ],
    [
      'a quota that is not a number',
      replace('không quá 03 điển hình', 'không giới hạn'),
      'PLAN_QUOTA_INVALID',
      21,
      'milestones[0].reports[0].nominations.quota',
    ],
    [
      'a date that does not exist',
      replace('chậm nhất ngày 20/9', 'chậm nhất ngày 31/9'),
      'PLAN_DATE_INVALID',
      19,
      'milestones[0].reports[0].due',
    ],
    [
      'a deadline before the milestone opens',
      replace('chậm nhất ngày 20/9', 'chậm nhất ngày 20/6'),
      'PLAN_DEADLINE_BEFORE_OPEN',
      19,
      'milestones[0].reports[0].due',
    ],
    [
      'a cascade with no working day between levels',
      replace('gap: 3 ngày làm việc', 'gap: 0 ngày'),
      'PLAN_CASCADE_TOO_TIGHT',
      20,
      'milestones[0].reports[0].cascade',
    ],
    [
      'an unreadable offset',
      replace('gap: 3 ngày làm việc', 'gap: ba hôm'),
      'PLAN_OFFSET_UNREADABLE',
      20,
      'milestones[0].reports[0].cascade.gap',
    ],
    [
      'text in decomposed Unicode (NFD)',
      replace('title: Sơ kết', 'title: ' + 'Sơ kết'.normalize('NFD')),
      'PLAN_TEXT_NOT_NFC',
      14,
      'milestones[0].title',
    ],
    [
      'a period whose years are reversed',
      replace('period: 2021-2025', 'period: 2025-2021'),
      'PLAN_PERIOD_REVERSED',
      5,
      'period',
    ],
    [
      'a duplicate milestone id',
      VALID.replace(/milestones:\n([\s\S]*)$/, (_, body: string) => `milestones:\n${body}${body}`),
      'PLAN_ID_DUPLICATE',
      22,
      'milestones[1].id',
    ],
  ])('%s', (_what, source, code, line, field) => {
    const problem = problemsOf(source).find((p) => p.code === code);
    expect(problem).toMatchObject({ code, field, ...(line === undefined ? {} : { line }) });
    expect(problem!.message).toMatch(/[ạảãáàâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]/i);
  });

  it('reports every problem of a file at once', () => {
    const source = replace('kind: sơ kết', 'kind: tổng hợp').replace('when: Quý III/2023', 'when: Quý V/2023');
    expect(problemsOf(source).map((p) => p.code)).toEqual(['PLAN_FIELD_INVALID']);
    const phrases = replace('when: Quý III/2023', 'when: Quý V/2023').replace(
      'milestones:',
      'reminders: { before: [ba hôm], channels: [email] }\nmilestones:',
    );
    expect(problemsOf(phrases).map((p) => [p.code, p.line])).toEqual([
      ['PLAN_OFFSET_UNREADABLE', 11],
      ['PLAN_PHRASE_UNREADABLE', 16],
    ]);
  });

  it('refuses a file far larger than any plan', () => {
    expect(problemsOf(VALID + '#'.repeat(300_000))[0]!.message).toMatch(/tệp quá lớn/);
  });
});
