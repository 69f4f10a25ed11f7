import type { Command } from 'commander';
import { DemoError, loadDemo, type DemoResult } from '../../demo/load-demo';
import { vietnamCivilDate } from '../../../domain/civil-time';
import { UnitError } from '../../../domain/units/unit-issue';
import { loadConfig } from '../../../runtime/config';
import { openCliDatabase } from '../cli-database';
import { loadWorkingCalendar } from '../load-calendar';
import { printResult, type OutputOptions } from '../output';
import { UserError } from '../user-error';

const MIN_PASSWORD = 10;

const OUTCOMES = { created: 'mới nạp', unchanged: 'đã có, không đổi', kept: 'đã có bản khác, giữ nguyên' } as const;

function describe(result: DemoResult, publicUrl: string): string {
  const lines = [
    result.units.outcome === 'imported'
      ? `Đã nạp ${result.units.count} đơn vị mẫu (tỉnh mẫu DEMO-…, các cơ quan trong kế hoạch mẫu; thư về example.invalid).`
      : `${result.units.count} đơn vị mẫu đã có; không nạp lại.`,
    'Kế hoạch:',
    ...result.plans.map((plan) => `  ${plan.code} — ${OUTCOMES[plan.outcome]} (${plan.file})`),
    'Tài khoản:',
    ...result.accounts.map(
      (account) =>
        `  ${account.username} (${account.role === 'admin' ? 'cán bộ Sở Nội vụ' : `lãnh đạo, đơn vị ${account.unitCode}`}): ` +
        (account.outcome === 'kept'
          ? 'đã có, giữ mật khẩu cũ'
          : account.password
            ? `mật khẩu ${account.password} (chỉ in một lần)`
            : 'đã đặt mật khẩu đã cho'),
    ),
    '',
    'Tiếp theo:',
    `  bin/dondoc plan start ${result.demoPlanCode}`,
    `  mở ${publicUrl}/outbox (thư các đơn vị nhận, có liên kết nộp báo cáo)`,
    `  và ${publicUrl}/theo-doi (đăng nhập bằng tài khoản trên)`,
  ];
  return lines.join('\n');
}

function password(option: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.length < MIN_PASSWORD) {
    throw new UserError(`DEMO_PASSWORD_SHORT: ${option} cần ít nhất ${MIN_PASSWORD} ký tự`);
  }
  return value;
}

/**
 * `dondoc demo load`: a sample province to try Đôn đốc on (client/demo/load-demo.ts) — units, the seed plans, a
 * plan dated from today, an admin and a leader account. Running it again changes nothing.
 */
export function registerDemoCommands(program: Command): void {
  const demo = program
    .command('demo')
    .description('dữ liệu mẫu để dùng thử: một tỉnh mẫu, các kế hoạch mẫu, tài khoản');
  demo
    .command('load')
    .description(
      'nạp đơn vị mẫu, các kế hoạch trong plans/, một kế hoạch mẫu tính ngày từ hôm nay, tài khoản admin và lanh-dao ' +
        '(chạy lại không thay đổi gì)',
    )
    .option(
      '--admin-password <mật-khẩu>',
      `mật khẩu cho tài khoản admin (ít nhất ${MIN_PASSWORD} ký tự; mặc định: tạo ngẫu nhiên)`,
    )
    .option('--leader-password <mật-khẩu>', 'mật khẩu cho tài khoản lanh-dao (mặc định: tạo ngẫu nhiên)')
    .option('--json', 'in JSON cho script')
    .action(async (options: OutputOptions & { adminPassword?: string; leaderPassword?: string }) => {
      const adminPassword = password('--admin-password', options.adminPassword);
      const leaderPassword = password('--leader-password', options.leaderPassword);
      const config = loadConfig();
      const calendar = await loadWorkingCalendar();
      const database = await openCliDatabase(config);
      try {
        const result = await loadDemo(database.db, {
          today: vietnamCivilDate(Date.now()),
          calendar,
          adminPassword,
          leaderPassword,
        });
        printResult(result, describe(result, config.publicUrl), options);
      } catch (error) {
        if (error instanceof DemoError || error instanceof UnitError) throw new UserError(error.message);
        throw error;
      } finally {
        await database.close();
      }
    });
}
