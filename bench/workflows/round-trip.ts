import { proxyActivities } from '@temporalio/workflow';
import type { createBenchActivities } from '../activities';

export interface RoundTripInput {
  version: 1;
  text: string;
}

const { echo } = proxyActivities<ReturnType<typeof createBenchActivities>>({
  startToCloseTimeout: '10 seconds',
  // A benchmark must not hide a failure behind retries: the first error fails the workflow and the run.
  retry: { maximumAttempts: 1 },
});

/**
 * The smallest workflow that still exercises every kind of write the server makes for real work: a start, two
 * workflow tasks, one activity task and a completion. Returns the activity's echo of `text`; fails when it fails.
 */
export async function roundTripWorkflow(input: RoundTripInput): Promise<string> {
  return await echo(input.text);
}
