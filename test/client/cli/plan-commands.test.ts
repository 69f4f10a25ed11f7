import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../../runtime/ports';
import { runCli } from '../../helpers/run-cli';

// Each step is a `bin/dondoc` process that starts PGlite (WebAssembly) afresh: seconds each, minutes on a busy machine.
jest.setTimeout(300_000);

describe('dondoc plan', () => {
  let dataDir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-cli-plan-'));
    env = { DATA_DIR: dataDir, PGLITE_PORT: String(await freePort()) };
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('validate prints the resolved timeline of a seed plan, line by line', async () => {
    const run = await runCli(['plan', 'validate', 'plans/ninh-hoa-tuyen-truyen-2021-2025.yaml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Kế hoạch KH-UBND-NH-2021');
    expect(run.stdout).toContain('Cách đọc hạn: "trước ngày X" = hạn cuối là hết ngày X − 1');
    expect(run.stdout).toMatch(
      /│ 31\/05\/2021 │ +│ bao-cao-2021 +│ hạn +│ .*hết ngày 31\/05\/2021 \("trước ngày 31\/5\/2021"\); 30\/05\/2021 là ngày nghỉ \(Chủ nhật\)/,
    );
    expect(run.stdout).toMatch(
      /│ 11\/06\/2022 │ +│ hoi-nghi-2022 +│ sự kiện +│ Hội nghị biểu dương điển hình tiên tiến thị xã/,
    );
  });

  it('validate --json gives scripts the resolved plan and its timeline', async () => {
    const run = await runCli(['plan', 'validate', '--json', 'plans/binh-phuoc-stttt-2023-2025.yaml']);
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as { plan: { milestones: Array<{ id: string }> }; timeline: unknown[] };
    expect(output.plan.milestones.map((m) => m.id)).toEqual([
      'so-ket-hang-nam-2023',
      'so-ket-hang-nam-2024',
      'so-ket-hang-nam-2025',
      'tong-ket-2025',
    ]);
    expect(output.timeline.length).toBeGreaterThan(20);
  });

  it('validate exits 1 with every problem located, and 2 on a wrong command line', async () => {
    const file = path.join(dataDir, 'hong.yaml');
    writeFileSync(file, 'format: 1\ncode: X\ntitle: Thử\nissuer: UBND\nperiod: 2021\nowner: { unit: A, name: B }\n');
    const run = await runCli(['plan', 'validate', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `PLAN_FIELD_INVALID: Đầu vào không hợp lệ: mong đợi string, nhận được số (${file}, dòng 5, trường period)`,
    );
    expect(run.stderr).toMatch(/PLAN_FIELD_MISSING: thiếu trường bắt buộc \(.*trường scope\)/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect((await runCli(['plan', 'validate'])).code).toBe(2);
    expect((await runCli(['plan', 'validate', path.join(dataDir, 'khong-co.yaml')])).stderr).toContain(
      'PLAN_FILE_UNREADABLE',
    );
  });

  it('import refuses a plan whose units are not loaded, naming each code, its line and the day it is needed', async () => {
    const run = await runCli(['plan', 'import', 'plans/ninh-hoa-tuyen-truyen-2021-2025.yaml'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'PLAN_UNIT_UNKNOWN: không có đơn vị mã "572-PNV" vào ngày 01/01/2021 (khi mốc bao-cao-2021 mở); hãy nạp đơn vị trước ' +
        '(dondoc units import) (plans/ninh-hoa-tuyen-truyen-2021-2025.yaml, dòng 13, trường owner.unit)',
    );
    expect(run.stderr).toMatch(/"572" .*dòng 18, trường scope\.units\[1\]\.children_of\)/);
    expect(JSON.parse((await runCli(['plan', 'list', '--json'], env)).stdout)).toEqual([]);
  });

  it('import stores a plan once, show and list read it back', async () => {
    expect((await runCli(['units', 'import', 'plans/units/cao-bang-vp-ubnd.csv'], env)).code).toBe(0);
    const first = await runCli(['plan', 'import', 'plans/cao-bang-vp-ubnd-2021-2025.yaml'], env);
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('Đã nạp kế hoạch KH-VP-CB-2021 (phiên bản 1).');
    const again = await runCli(['plan', 'import', '--json', 'plans/cao-bang-vp-ubnd-2021-2025.yaml'], env);
    expect(JSON.parse(again.stdout)).toEqual({ code: 'KH-VP-CB-2021', outcome: 'unchanged', version: 1 });

    const show = await runCli(['plan', 'show', 'KH-VP-CB-2021'], env);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/│ 02\/10\/2023 │ +│ so-ket-2023 +│ hạn/);
    const list = await runCli(['plan', 'list', '--json'], env);
    expect(JSON.parse(list.stdout)).toMatchObject([{ code: 'KH-VP-CB-2021', current_version: 1, status: 'loaded' }]);

    const missing = await runCli(['plan', 'show', '99/KH-UBND'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('PLAN_NOT_FOUND: không có kế hoạch số hiệu "99/KH-UBND"');
  });

  it('rehearse runs a seed plan of 2021–2025 from its first day: every notice, every step, each roll-up', async () => {
    // (The units were loaded by the test above.)
    const run = await runCli(['plan', 'rehearse', '--json', 'plans/cao-bang-vp-ubnd-2021-2025.yaml'], env);
    expect(run.code).toBe(0);
    const rehearsal = JSON.parse(run.stdout) as {
      clockStartedAt: string;
      notices: Array<{ at: string; kind: string; milestone: string; unitCode: string; role: string; to: string }>;
      rollups: Array<{ milestone: string; rollup: { units: number; missing: number } }>;
    };
    expect(rehearsal.clockStartedAt).toBe('2021-06-30T23:59:00+07:00');
    const toTongHop = rehearsal.notices
      .filter((n) => n.unitCode === '04-VPUB-TH' && n.milestone === 'lua-chon-2021')
      .map((n) => [n.at.slice(0, 16), n.kind, n.role]);
    expect(toTongHop[0]).toEqual(['2021-07-01T00:00', 'assignment', 'head']);
    expect(toTongHop.map(([, kind]) => kind)).toEqual(
      expect.arrayContaining(['reminder', 'due-today', 'overdue', 'escalation']),
    );
    // Nobody reports in a rehearsal: each milestone with a report counts every unit missing.
    expect(rehearsal.rollups.filter((r) => r.rollup.units > 0).map((r) => [r.milestone, r.rollup.missing])).toEqual([
      ['lua-chon-2021', 5],
      ['so-ket-2023', 5],
      ['tong-ket-2025', 5],
    ]);
    const table = await runCli(['plan', 'rehearse', 'plans/cao-bang-vp-ubnd-2021-2025.yaml'], env);
    expect(table.stdout).toContain('Kế hoạch đã bắt đầu trong quá khứ: chạy thử từ 30/06/2021');
    expect(table.stdout).toMatch(/│ 01\/07\/2021 │ 00:00 │ lua-chon-2021 │ giao nhiệm vụ/);
  });
});
