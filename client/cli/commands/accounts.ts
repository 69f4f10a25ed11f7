import { randomBytes } from 'node:crypto';
import { Option, type Command } from 'commander';
import { saveAccount } from '../../../db/account.repository';
import { findUnitAt } from '../../../db/unit.repository';
import { vietnamCivilDate } from '../../../domain/civil-time';
import { loadConfig } from '../../../runtime/config';
import { hashPassword } from '../../http/auth/password-hash';
import { openCliDatabase } from '../cli-database';
import { printResult, type OutputOptions } from '../output';
import { UserError } from '../user-error';

const MIN_PASSWORD = 10;

/** The first line of standard input (a password piped in by a script), without its line ending. */
async function readFirstLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/, 1)[0] ?? '';
}

/**
 * `dondoc accounts add <tên> --role admin|leader [--unit MÃ] [--password-stdin]`: creates a local account (or resets
 * its password, role and unit). Without --password-stdin a random password is generated and printed once.
 */
export function registerAccountCommands(program: Command): void {
  const accounts = program.command('accounts').description('tài khoản đăng nhập của cán bộ Sở Nội vụ và lãnh đạo');
  accounts
    .command('add')
    .description('tạo tài khoản (hoặc đặt lại mật khẩu, vai trò, đơn vị của tài khoản đã có)')
    .argument('<tên-đăng-nhập>', 'chữ thường, số, dấu chấm, gạch ngang, gạch dưới (2–64 ký tự)')
    .addOption(
      new Option('--role <vai-trò>', 'admin: cán bộ Sở Nội vụ; leader: lãnh đạo, chỉ xem, theo một cây đơn vị')
        .choices(['admin', 'leader'])
        .makeOptionMandatory(),
    )
    .option('--unit <mã>', 'mã đơn vị gốc của phạm vi lãnh đạo theo dõi (bắt buộc với leader)')
    .option('--password-stdin', `đọc mật khẩu (ít nhất ${MIN_PASSWORD} ký tự) từ dòng đầu của đầu vào chuẩn`)
    .option('--json', 'in JSON cho script')
    .action(
      async (
        username: string,
        options: OutputOptions & { role: 'admin' | 'leader'; unit?: string; passwordStdin?: boolean },
      ) => {
        if (!/^[a-z0-9._-]{2,64}$/i.test(username)) {
          throw new UserError(`ACCOUNT_USERNAME_INVALID: tên đăng nhập "${username}" chỉ gồm chữ không dấu, số, . _ -`);
        }
        if (options.role === 'leader' && !options.unit) {
          throw new UserError('ACCOUNT_UNIT_MISSING: tài khoản lãnh đạo cần --unit (mã đơn vị gốc của phạm vi)');
        }
        if (options.role === 'admin' && options.unit) {
          throw new UserError('ACCOUNT_UNIT_UNEXPECTED: tài khoản admin thấy mọi đơn vị, không nhận --unit');
        }
        const generated = !options.passwordStdin;
        const password = options.passwordStdin ? await readFirstLine() : randomBytes(12).toString('base64url');
        if (password.length < MIN_PASSWORD) {
          throw new UserError(`ACCOUNT_PASSWORD_SHORT: mật khẩu cần ít nhất ${MIN_PASSWORD} ký tự`);
        }
        const database = await openCliDatabase(loadConfig());
        try {
          if (options.unit && !(await findUnitAt(database.db, options.unit, vietnamCivilDate(Date.now())))) {
            throw new UserError(
              `ACCOUNT_UNIT_UNKNOWN: hôm nay không có đơn vị mã "${options.unit}" (dondoc units show)`,
            );
          }
          const outcome = await saveAccount(
            database.db,
            {
              username,
              passwordHash: await hashPassword(password),
              role: options.role,
              unitCode: options.unit ?? null,
            },
            'cli',
          );
          const human = [
            `${outcome === 'created' ? 'Đã tạo' : 'Đã cập nhật'} tài khoản ${username.toLowerCase()} (${options.role}${options.unit ? `, đơn vị ${options.unit}` : ''}).`,
            ...(generated ? [`Mật khẩu (chỉ in một lần, hãy chuyển cho người dùng): ${password}`] : []),
          ].join('\n');
          printResult(
            {
              username: username.toLowerCase(),
              role: options.role,
              unitCode: options.unit ?? null,
              outcome,
              ...(generated ? { password } : {}),
            },
            human,
            options,
          );
        } finally {
          await database.close();
        }
      },
    );
}
