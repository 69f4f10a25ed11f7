import { buildWorkingCalendar } from '../../../domain/calendar/working-calendar-builder';
import { loadPlan } from '../../../domain/plan/load-plan';
import { PlanErrorCode, PlanFileError } from '../../../domain/plan/plan-errors';
import { planCorpus } from '../../integration/helpers/bad-plans';
import { looksVietnamese } from '../../integration/helpers/bad-strings';

const calendar = buildWorkingCalendar([]);
const CODES = new Set<string>(Object.values(PlanErrorCode));

/** A valid plan whose free-text lines the corpus replaces (title, issuer, the milestone's and the report's title). */
const BASE = `format: 1
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
        nominations: { forms: [tập thể, cá nhân], quota: 3 }
`;

describe('bad plan files: the reader refuses each with located Vietnamese problems, or keeps the text as written', () => {
  const corpus = planCorpus(BASE);
  const slowest = { name: '', ms: 0 };
  afterAll(() => {
    console.log(
      JSON.stringify({ corpus: 'plan-files', cases: corpus.length, slowestMs: slowest.ms, slowest: slowest.name }),
    );
  });

  it('accepts the base plan', () => {
    expect(loadPlan(BASE, 'plans/thu.yaml', calendar).plan.title).toBe('Kế hoạch thử');
  });

  it.each(corpus.map((item) => [item.name, item] as const))('%s', (_name, item) => {
    const started = performance.now();
    let outcome: { accepted: true; title: string } | { accepted: false; error: unknown };
    try {
      outcome = { accepted: true, title: loadPlan(item.source, 'plans/thu.yaml', calendar).plan.title };
    } catch (error) {
      outcome = { accepted: false, error };
    }
    const ms = Math.round(performance.now() - started);
    if (ms > slowest.ms) Object.assign(slowest, { name: item.name, ms });
    expect(ms).toBeLessThan(5000);

    if (item.expect.accepted) {
      expect(outcome).toEqual({ accepted: true, title: item.expect.title });
      return;
    }
    expect(outcome.accepted).toBe(false);
    const error = (outcome as { error: unknown }).error;
    // Anything but a PlanFileError would be a crash: a 500 in the API, a stack trace in the CLI.
    expect(error).toBeInstanceOf(PlanFileError);
    const problems = (error as PlanFileError).problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.length).toBeLessThanOrEqual(101);
    for (const problem of problems) {
      expect(CODES.has(problem.code)).toBe(true);
      expect(typeof problem.field).toBe('string');
      expect(looksVietnamese(problem.message)).toBe(true);
    }
    if (item.expect.code) expect(problems.map((problem) => problem.code)).toContain(item.expect.code);
    // The message names the file, so an officer knows which one to open.
    expect((error as PlanFileError).message).toContain('plans/thu.yaml');
  });
});
