import path from 'node:path';
import { findAccount } from '../../../db/account.repository';
import { importUnits } from '../../../db/import/import-units';
import { listAudit } from '../../../db/audit-log.repository';
import { verifyPassword } from '../../../client/http/auth/password-hash';
import { runCli, startCli, type CliRun } from '../../helpers/run-cli';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-databases';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';

/** `bin/dondoc` with `input` on its standard input. */
function runWithInput(args: string[], env: Record<string, string>, input: string): Promise<CliRun> {
  const { child, result } = startCli(args, env);
  child.stdin.end(input);
  return result;
}

describe('dondoc accounts add', () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    env = { DATABASE_URL: database.url };
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-accounts-'));
    writeFileSync(path.join(dir, 'units.csv'), 'code,name,type,parent_code,valid_from\nSNV,Sở Nội vụ,Sở,,2020-01-01\n');
    await importUnits(database.db, { files: [path.join(dir, 'units.csv')], format: 'csv' }, { today: '2026-01-01' });
    rmSync(dir, { recursive: true, force: true });
  });
  afterAll(() => database?.close());

  it('creates a leader with a password from stdin, hashed with scrypt, audited', async () => {
    const run = await runWithInput(
      ['accounts', 'add', 'Lanh.Dao', '--role', 'leader', '--unit', 'SNV', '--password-stdin'],
      env,
      'mat-khau-rat-dai\n',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Đã tạo tài khoản lanh.dao (leader, đơn vị SNV).\n');
    const account = await findAccount(database.db, 'lanh.dao');
    expect(account).toMatchObject({ role: 'leader', unit_code: 'SNV', disabled: false });
    expect(account!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('mat-khau-rat-dai', account!.password_hash)).toBe(true);
    const audit = await listAudit(database.db, 'account', 'lanh.dao');
    expect(audit.map((entry) => entry.action)).toEqual(['account.create']);
    expect(JSON.stringify(audit)).not.toContain('scrypt');
  });

  it('generates and prints a password once when none is piped in; refuses a leader without a unit', async () => {
    const run = await runCli(['accounts', 'add', 'can-bo', '--role', 'admin', '--json'], env);
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as { password: string; outcome: string };
    expect(printed).toMatchObject({ username: 'can-bo', role: 'admin', unitCode: null, outcome: 'created' });
    expect(await verifyPassword(printed.password, (await findAccount(database.db, 'can-bo'))!.password_hash)).toBe(
      true,
    );
    const noUnit = await runCli(['accounts', 'add', 'x1', '--role', 'leader'], env);
    expect(noUnit.code).toBe(1);
    expect(noUnit.stderr).toBe('ACCOUNT_UNIT_MISSING: tài khoản lãnh đạo cần --unit (mã đơn vị gốc của phạm vi)\n');
    const unknownUnit = await runCli(['accounts', 'add', 'x2', '--role', 'leader', '--unit', 'KHONG'], env);
    expect(unknownUnit.code).toBe(1);
    expect(unknownUnit.stderr).toMatch(/^ACCOUNT_UNIT_UNKNOWN: /);
  });
});
