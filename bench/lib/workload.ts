import type { Client } from '@temporalio/client';
import { roundTripWorkflow } from '../workflows';

export interface WorkloadResult {
  /** From the first start to the last result. */
  elapsedMs: number;
  /** Per workflow, from just before its start call to its result. */
  latenciesMs: number[];
}

/**
 * Runs `count` round-trip workflows with at most `concurrency` in flight (each lane starts one, awaits its result,
 * then takes the next), and resolves when all have completed. Rejects on the first failed workflow.
 */
export async function runWorkload(
  client: Client,
  taskQueue: string,
  idPrefix: string,
  count: number,
  concurrency: number,
): Promise<WorkloadResult> {
  const latenciesMs: number[] = [];
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next++;
      const startedAt = performance.now();
      const text = `${idPrefix}-${index}`;
      const echoed = await client.workflow.execute(roundTripWorkflow, {
        taskQueue,
        workflowId: text,
        args: [{ version: 1, text }],
      });
      if (echoed !== text) throw new Error(`workflow ${text} returned ${echoed}`);
      latenciesMs.push(performance.now() - startedAt);
    }
  };
  const startedAt = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return { elapsedMs: performance.now() - startedAt, latenciesMs };
}
