/**
 * Records the event histories that test/workflows/replay.test.ts replays: one file per workflow type and input
 * version, run on the time-skipping server against embedded PGlite. Run it when a workflow type or an input version
 * is added — never to "fix" a failing replay, which means the change would break cycles already running:
 *   node --import tsx test/workflows/record-histories.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { vietnamInstant } from '../../domain/civil-time';
import { milestoneAlarmWorkflowId } from '../../domain/ids';
import { milestoneAlarmWorkflow } from '../../workflows/milestone-alarm';
import { startTimeSkippingEnvironment } from '../helpers/temporal-servers';
import { openTestDatabase } from '../helpers/test-databases';
import { createTestWorker } from '../helpers/test-worker';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const [env, database] = await Promise.all([startTimeSkippingEnvironment(), openTestDatabase('pglite')]);
  try {
    const { worker, taskQueue } = await createTestWorker({ env, dependencies: { db: database.db } });
    const planCode = '960/KH-UBND';
    const workflowId = milestoneAlarmWorkflowId(planCode, 'tong-ket-2030');
    await worker.runUntil(
      env.client.workflow.execute(milestoneAlarmWorkflow, {
        workflowId,
        taskQueue,
        args: [{ version: 1, planCode, milestoneCode: 'tong-ket-2030', opensAt: vietnamInstant('2030-07-01') }],
      }),
    );
    const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
    const file = path.join(__dirname, 'histories', 'milestone-alarm.v1.json');
    writeFileSync(file, JSON.stringify(JSON.parse(historyToJSON(history)), null, 2) + '\n');
    process.stdout.write(`wrote ${file} (${history.events?.length} events)\n`);
  } finally {
    await Promise.all([env.teardown(), database.close()]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
