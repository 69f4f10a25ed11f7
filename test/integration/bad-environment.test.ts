import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { freePort } from '../../runtime/ports';
import { PROJECT_ROOT } from '../../runtime/project-root';
import { spawnApp } from '../helpers/app-process';

/** Runs `npm start`'s entry point in a fresh data folder with free ports; resolves with its exit code and output. */
async function startWith(env: Record<string, string>, dataDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-bad-'))) {
  const [temporal, ui, pglite, http] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const app = spawnApp({
    DATA_DIR: dataDir,
    TEMPORAL_PORT: String(temporal),
    TEMPORAL_UI_PORT: String(ui),
    PGLITE_PORT: String(pglite),
    HTTP_PORT: String(http),
    ...env,
  });
  const code = await app.exited;
  return { code, output: app.output(), dataDir };
}

describe('a bad environment gets a message that names the problem and the fix, and nothing is deleted', () => {
  const folders: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-bad-'));
    folders.push(dir);
    return dir;
  };
  afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('a malformed variable', async () => {
    const { code, output } = await startWith({ HTTP_PORT: 'ba nghìn' }, folder());
    expect(code).toBe(1);
    expect(output).toMatch(/Đôn đốc dừng: CONFIG_INVALID: HTTP_PORT: .*"ba nghìn"/);
    expect(output).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });

  it('a port already taken', async () => {
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const { code, output } = await startWith({ TEMPORAL_PORT: String(port) }, folder());
      expect(code).toBe(1);
      expect(output).toContain(`PORT_IN_USE: cổng ${port} (Temporal gRPC) đang bị một tiến trình khác dùng`);
      expect(output).toContain('đặt TEMPORAL_PORT sang cổng khác');
    } finally {
      blocker.close();
    }
  });

  it('a DATABASE_URL that does not answer, without printing its password', async () => {
    const port = await freePort();
    const { code, output } = await startWith(
      { DATABASE_URL: `postgres://dondoc:mat-khau@127.0.0.1:${port}/dondoc` },
      folder(),
    );
    expect(code).toBe(1);
    expect(output).toContain(
      `SERVICE_UNREACHABLE: không kết nối được cơ sở dữ liệu postgres://dondoc:***@127.0.0.1:${port}/dondoc`,
    );
    expect(output).toContain('ECONNREFUSED');
    expect(output).not.toContain('mat-khau');
  });

  it('a missing Temporal CLI', async () => {
    const { code, output } = await startWith({ TEMPORAL_CLI_PATH: '/khong/co/temporal' }, folder());
    expect(code).toBe(1);
    expect(output).toContain('TOOL_MISSING: không tìm thấy Temporal CLI tại TEMPORAL_CLI_PATH=/khong/co/temporal');
  });

  it('a corrupt Temporal database file is reported and kept', async () => {
    const dataDir = folder();
    mkdirSync(path.join(dataDir, 'temporal'));
    const file = path.join(dataDir, 'temporal', 'temporal.sqlite');
    const garbage = Buffer.alloc(64 * 1024, 'không phải SQLite ');
    writeFileSync(file, garbage);
    const { code, output } = await startWith({}, dataDir);
    expect(code).toBe(1);
    expect(output).toContain(
      `DATA_DIR_UNREADABLE: máy chủ Temporal dev không khởi động được. Tệp dữ liệu Temporal ${file} có vẻ bị hỏng`,
    );
    expect(output).toContain('Không có gì bị xoá');
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it('a corrupt embedded database is reported and kept', async () => {
    const dataDir = folder();
    const pgliteDir = path.join(dataDir, 'pglite');
    const db = await PGlite.create(pgliteDir);
    await db.query('create table ho_so (id int)');
    await db.close();
    const control = path.join(pgliteDir, 'global', 'pg_control');
    const garbage = Buffer.alloc(8192, 0xab);
    writeFileSync(control, garbage);
    const { code, output } = await startWith({}, dataDir);
    expect(code).toBe(1);
    expect(output).toContain(`DATA_DIR_UNREADABLE: không mở được cơ sở dữ liệu nhúng tại ${pgliteDir}`);
    expect(output).toContain('Không có gì bị xoá');
    expect(readFileSync(control).equals(garbage)).toBe(true);
  });

  it('a second start on a data folder that is in use', async () => {
    const dataDir = folder();
    writeFileSync(path.join(dataDir, 'dondoc.pid'), String(process.pid));
    const { code, output } = await startWith({}, dataDir);
    expect(code).toBe(1);
    expect(output).toContain(
      `ALREADY_RUNNING: Đôn đốc đang chạy với thư mục dữ liệu ${dataDir} (tiến trình ${process.pid})`,
    );
  });

  it('no Go to build the Temporal CLI with', () => {
    const project = folder();
    mkdirSync(path.join(project, 'scripts'));
    copyFileSync(path.join(PROJECT_ROOT, 'scripts/install-tools.sh'), path.join(project, 'scripts/install-tools.sh'));
    const run = spawnSync('bash', [path.join(project, 'scripts/install-tools.sh'), 'temporal'], {
      env: { PATH: '/usr/bin:/bin', HOME: project },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Không có Go nên không dựng được Temporal CLI. Cài Go ≥ 1.25');
    expect(run.stderr).toContain('TEMPORAL_CLI_PATH');
  });
});
