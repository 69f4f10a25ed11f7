import os from 'node:os';
import type { Command } from 'commander';
import { listObligationsWhere } from '../../../db/obligation-view.repository';
import { ObligationStatus } from '../../../db/tables/obligation.table';

const OBLIGATION_STATUSES: readonly string[] = Object.values(ObligationStatus);
import { formatVietnamInstant } from '../../../domain/civil-time';
import { parseUserDate } from '../../../domain/units/user-date';
import { loadConfig } from '../../../runtime/config';
import {
  decideObligation,
  ObligationDecisionError,
  type ObligationDecision,
} from '../../obligations/decide-obligation';
import { openCliDatabase } from '../cli-database';
import { openCliTemporal } from '../cli-temporal';
import { printResult, printRows, type OutputOptions } from '../output';
import { UserError } from '../user-error';

interface DecisionOptions extends OutputOptions {
  reason: string;
  by?: string;
}

/** Who decided, for the audit log: `--by`, or the account at this terminal. */
function actorOf(options: DecisionOptions): string {
  return options.by ?? `${os.userInfo().username}@${os.hostname()} (dòng lệnh)`;
}

/** Takes a decision on one report through its workflow and prints what happened; a refusal exits 1 with its code. */
async function decide(id: string, options: DecisionOptions, decision: ObligationDecision): Promise<void> {
  const config = loadConfig();
  const database = await openCliDatabase(config);
  try {
    const temporal = await openCliTemporal(config);
    try {
      const outcome = await decideObligation(database.db, temporal, { id, actor: actorOf(options), decision });
      const { obligation, ...rest } = outcome;
      printResult({ obligationId: obligation.id, ...rest }, outcome.message, options);
    } catch (error) {
      if (!(error instanceof ObligationDecisionError)) throw error;
      throw new UserError(error.code === 'OBLIGATION_REFUSED' ? error.message : `${error.code}: ${error.message}`);
    } finally {
      await temporal.connection.close();
    }
  } finally {
    await database.close();
  }
}

const STATUS_LABELS: Record<ObligationStatus, string> = {
  open: 'đang mở',
  submitted: 'đã nộp',
  overdue: 'quá hạn',
  'on-time': 'đúng hạn',
  late: 'trễ hạn',
  missing: 'không báo cáo',
  exempt: 'được miễn',
  cancelled: 'đã dừng',
};

/**
 * `dondoc obligations`: the reports of a milestone, and the Sở's decisions on one of them — gia hạn, miễn, and the
 * successor that reports for a unit the 2025 reform split — each taken by its workflow (which validates, audits and
 * moves its timers), as the HTTP API does.
 */
export function registerObligationCommands(program: Command): void {
  const obligations = program
    .command('obligations')
    .description('nghĩa vụ báo cáo của các đơn vị: xem, gia hạn, miễn, chọn đơn vị kế thừa');

  obligations
    .command('list')
    .description('các báo cáo của một mốc, theo cấp và đơn vị')
    .argument('<số-hiệu>', 'số hiệu kế hoạch')
    .requiredOption('--milestone <mốc>', 'mã mốc, ví dụ so-ket-2023')
    .option('--status <tình-trạng>', `chỉ một tình trạng: ${OBLIGATION_STATUSES.join(', ')}`)
    .option('--json', 'in JSON cho script')
    .action(async (code: string, options: OutputOptions & { milestone: string; status?: string }) => {
      if (options.status && !OBLIGATION_STATUSES.includes(options.status)) {
        throw new UserError(
          `OBLIGATION_STATUS_UNKNOWN: không có tình trạng "${options.status}"; dùng một trong: ${OBLIGATION_STATUSES.join(', ')}`,
        );
      }
      const database = await openCliDatabase(loadConfig());
      try {
        const rows = await listObligationsWhere(database.db, {
          planCode: code,
          milestoneId: options.milestone,
          ...(options.status ? { status: options.status as ObligationStatus } : {}),
        });
        if (options.json) {
          printResult(rows, '', options);
          return;
        }
        printRows(
          rows,
          [
            { header: 'Mã nghĩa vụ', value: (row) => row.id },
            { header: 'Đơn vị', value: (row) => `${row.unit_name} (${row.assigned_unit_code ?? row.unit_code})` },
            { header: 'Cấp', value: (row) => String(row.level + 1) },
            {
              header: 'Hạn',
              value: (row) => formatVietnamInstant(row.due_at.getTime()).slice(0, 16).replace('T', ' '),
            },
            { header: 'Tình trạng', value: (row) => STATUS_LABELS[row.status] ?? row.status },
          ],
          options,
        );
      } finally {
        await database.close();
      }
    });

  const withDecisionOptions = (command: Command) =>
    command
      .argument('<mã-nghĩa-vụ>', 'mã nghĩa vụ, như trong `dondoc obligations list`')
      .requiredOption('--reason <lý-do>', 'lý do (ghi vào nhật ký)')
      .option('--by <người>', 'người quyết định (mặc định: tài khoản máy này)')
      .option('--json', 'in JSON cho script');

  withDecisionOptions(
    obligations
      .command('extend')
      .description('gia hạn báo cáo của một đơn vị: nhắc hạn và leo thang dời theo hạn mới')
      .requiredOption('--to <ngày>', 'ngày cuối mới, dd/mm/yyyy'),
  ).action(async (id: string, options: DecisionOptions & { to: string }) => {
    const day = parseUserDate(options.to);
    if ('error' in day) throw new UserError(`EXTENSION_DATE_INVALID: ${day.error}`);
    await decide(id, options, { kind: 'extend', lastDay: day.date, reason: options.reason });
  });

  withDecisionOptions(obligations.command('exempt').description('miễn báo cáo cho một đơn vị')).action(
    async (id: string, options: DecisionOptions) => decide(id, options, { kind: 'exempt', reason: options.reason }),
  );

  withDecisionOptions(
    obligations
      .command('assign')
      .description('chọn đơn vị kế thừa báo cáo của một đơn vị bị chia tách (cải cách 2025)')
      .requiredOption('--unit <mã>', 'mã đơn vị kế thừa'),
  ).action(async (id: string, options: DecisionOptions & { unit: string }) =>
    decide(id, options, { kind: 'assign', unitCode: options.unit, reason: options.reason }),
  );
}
