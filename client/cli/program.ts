/**
 * The `dondoc` program: tables by default, `--json` for scripts; exit codes in exit-codes.ts. Each command group
 * lives in commands/ and is listed in commands/index.ts.
 */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../../runtime/config';
import { EnvironmentError } from '../../runtime/environment-error';
import { ToolMissingError } from '../../runtime/tools';
import { commandGroups } from './commands';
import { ExitCode } from './exit-codes';
import { UserError } from './user-error';

export function buildProgram(): Command {
  const program = new Command('dondoc')
    .description('Đôn đốc: kế hoạch, đơn vị và hạn báo cáo — thao tác của cán bộ Sở Nội vụ từ dòng lệnh')
    .helpOption('-h, --help', 'xem hướng dẫn')
    .helpCommand('help [lệnh]', 'xem hướng dẫn của một lệnh')
    .exitOverride()
    .showHelpAfterError('(xem `dondoc --help`)');
  for (const register of commandGroups) register(program);
  return program;
}

function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof UserError) return ExitCode.invalidInput;
  if (error instanceof EnvironmentError || error instanceof ConfigError || error instanceof ToolMissingError) {
    return ExitCode.environment;
  }
  return ExitCode.invalidInput;
}

/** Runs the command line; resolves with the exit code. Errors are printed here, once. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    const known = error instanceof UserError || error instanceof EnvironmentError || error instanceof ConfigError;
    process.stderr.write(`${known ? error.message : String(error instanceof Error ? error.stack : error)}\n`);
    return exitCodeFor(error);
  }
}
