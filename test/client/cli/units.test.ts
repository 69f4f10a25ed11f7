import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../../runtime/ports';
import { PROJECT_ROOT } from '../../../runtime/project-root';
import { runCli } from '../../helpers/run-cli';

const DATA = '../shared/data/dvhcvn';

describe('dondoc units', () => {
  let dataDir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-cli-units-'));
    env = { DATA_DIR: dataDir, PGLITE_PORT: String(await freePort()) };
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('explains the formats and options in Vietnamese', async () => {
    const help = await runCli(['units', 'import', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--format <định-dạng>');
    expect(help.stdout).toContain('tệp …-splits.json nằm cạnh sẽ được tìm tự động');
    expect(help.stdout).toContain('code,name,type,parent_code,valid_from');
  });

  it('imports the national tree, then the reform, printing what each did; no progress bar off a terminal', async () => {
    const national = await runCli(
      ['units', 'import', `${DATA}/units-2025-03-01.json`, '--valid-from', '01/01/2021'],
      env,
    );
    expect(national.stderr).toBe('');
    expect(national.code).toBe(0);
    expect(national.stdout).toMatch(
      /^Đã nhập \.\.\/shared\/data\/dvhcvn\/units-2025-03-01\.json \(dvhcvn\) trong [\d.]+ giây:\n/,
    );
    expect(national.stdout).toContain(
      '  10806 đơn vị mới, 10806 giai đoạn tên/cấp trên, 0 đơn vị hết hiệu lực, 0 liên kết kế thừa, 0 người liên hệ.',
    );
    expect(national.stdout).toContain(
      '  Ngày 01/01/2021: 63 tỉnh/thành phố, 696 đơn vị cấp huyện, 10047 đơn vị cấp xã, 0 cơ quan.',
    );

    const reform = await runCli(['units', 'import', '--json', `${DATA}/reform-2025-07-01-merges.json`], env);
    expect(reform.stderr).toBe('');
    expect(JSON.parse(reform.stdout)).toMatchObject({
      format: 'reform',
      files: [`${DATA}/reform-2025-07-01-merges.json`, `${DATA}/reform-2025-07-01-splits.json`],
      validFrom: '2025-07-01',
      summary: { createdUnits: 3355, createdVersions: 3355, endedUnits: 10806, successions: 10667, contacts: 0 },
      countsAtValidFrom: { province: 34, district: 0, commune: 3321, agency: 0 },
    });
  });

  it('shows a unit with its parents, children and links as a table', async () => {
    const show = await runCli(['units', 'show', '00004', '--at', '01/08/2025'], env);
    expect(show.code).toBe(0);
    const rows = show.stdout.split('\n').filter((line) => line.startsWith('│'));
    expect(show.stdout.split('\n')[0]).toBe('Đơn vị 00004 "Phường Ba Đình" ngày 01/08/2025');
    expect(
      rows.map((row) =>
        row
          .split('│')
          .map((cell) => cell.trim())
          .slice(1, -1),
      ),
    ).toEqual([
      ['Quan hệ', 'Mã', 'Tên', 'Loại', 'Hiệu lực từ', 'Đến', 'Ghi chú'],
      ['cấp trên', '01', 'Thành phố Hà Nội', 'thành phố trung ương', '01/07/2025', '', ''],
      ['đơn vị', '00004', 'Phường Ba Đình', 'phường', '01/07/2025', '', ''],
      ['tiền thân', '00004', 'Phường Trúc Bạch', 'phường', '01/01/2021', '01/07/2025', 'toàn bộ, từ 01/07/2025'],
      ['tiền thân', '00013', 'Phường Quán Thánh', 'phường', '01/01/2021', '01/07/2025', 'toàn bộ, từ 01/07/2025'],
      ...['00016 Phường Ngọc Hà', '00019 Phường Điện Biên', '00022 Phường Đội Cấn', '00028 Phường Kim Mã']
        .concat(['00040 Phường Đồng Xuân', '00055 Phường Cửa Đông', '00073 Phường Cửa Nam', '00112 Phường Thụy Khuê'])
        .map((unit) => [
          'tiền thân',
          unit.slice(0, 5),
          unit.slice(6),
          'phường',
          '01/01/2021',
          '01/07/2025',
          'một phần, từ 01/07/2025',
        ]),
    ]);
  });

  it('shows a unit as JSON for scripts, on the day asked (yyyy-mm-dd too)', async () => {
    const show = await runCli(['units', 'show', '04', '--at', '2023-07-01', '--json'], env);
    expect(show.code).toBe(0);
    const output = JSON.parse(show.stdout) as {
      at: string;
      unit: { code: string; name: string; type: string; validTo: string };
      ancestors: unknown[];
      children: Array<{ code: string; name: string }>;
      successors: Array<{ unit: { code: string; name: string; validFrom: string }; kind: string }>;
    };
    expect(output.at).toBe('2023-07-01');
    expect(output.unit).toMatchObject({ code: '04', name: 'Tỉnh Cao Bằng', type: 'tinh', validTo: '2025-07-01' });
    expect(output.ancestors).toEqual([]);
    expect(output.children).toHaveLength(10);
    expect(output.children[0]).toMatchObject({ code: '040', name: 'Thành phố Cao Bằng' });
    expect(output.successors).toMatchObject([
      { unit: { code: '04', name: 'Tỉnh Cao Bằng', validFrom: '2025-07-01' }, kind: 'full' },
    ]);
  });

  it('exits 1 with a located Vietnamese error and writes nothing; 2 on a wrong command line', async () => {
    const csv = path.join(dataDir, 'so-noi-vu.csv');
    writeFileSync(
      csv,
      'code,name,type,parent_code,valid_from\nSNV,Sở Nội vụ,sở,04,01/08/2025\nSNV.VP,Văn phòng,phòng,SNV-X,01/08/2025\n',
    );
    const bad = await runCli(['units', 'import', csv], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      `UNIT_PARENT_UNKNOWN: không có đơn vị nào mã SNV-X (cấp trên của SNV.VP), trong tệp cũng như trong cơ sở dữ liệu (${csv}, dòng 3, cột parent_code)\n`,
    );
    const missing = await runCli(['units', 'show', 'SNV', '--at', '01/08/2025'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'UNIT_NOT_FOUND: không có đơn vị mã SNV vào ngày 01/08/2025 (mã này chưa từng được nhập)\n',
    );
    const date = await runCli(['units', 'show', '04', '--at', '30/02/2025'], env);
    expect([date.code, date.stderr]).toEqual([1, 'UNIT_DATE_INVALID: --at: ngày 30/02/2025 không tồn tại\n']);
    expect((await runCli(['units', 'import', csv, '--format', 'xml'], env)).code).toBe(2);
  });

  it('draws a progress bar on stderr when it is a terminal', () => {
    const csv = path.join(dataDir, 'cao-bang.csv');
    writeFileSync(csv, 'code,name,type,parent_code,valid_from\nSNV-CB,Sở Nội vụ tỉnh Cao Bằng,sở,04,01/08/2025\n');
    // `script` runs the command on a pseudo-terminal, as when a person types it.
    const run = spawnSync('script', ['-qec', `bin/dondoc units import ${csv}`, '/dev/null'], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Ghi dữ liệu \|[█░]+\| 100% \| 2\/2 dòng/);
    expect(run.stdout).toContain('1 đơn vị mới, 1 giai đoạn tên/cấp trên');
  });
});
