import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export interface HistorySize {
  workflowId: string;
  runId?: string;
  events: number;
  /** The history as the server sends it (protobuf-encoded). */
  bytes: number;
}

/** The size of one run's history (the latest run when `runId` is absent). */
export async function historySize(client: Client, workflowId: string, runId?: string): Promise<HistorySize> {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  return {
    workflowId,
    ...(runId ? { runId } : {}),
    events: history.events?.length ?? 0,
    bytes: temporal.api.history.v1.History.encode(history).finish().length,
  };
}

/**
 * Every run of a workflow that continues as new, from `firstRunId`: each run's history, following the
 * continued-as-new event's new run id until a run that did not continue.
 */
export async function historiesOfChain(client: Client, workflowId: string, firstRunId: string): Promise<HistorySize[]> {
  const runs: HistorySize[] = [];
  let runId: string | undefined = firstRunId;
  while (runId) {
    const history: temporal.api.history.v1.IHistory = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const events: temporal.api.history.v1.IHistoryEvent[] = history.events ?? [];
    runs.push({
      workflowId,
      runId,
      events: events.length,
      bytes: temporal.api.history.v1.History.encode(history).finish().length,
    });
    runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return runs;
}

/** Mean and largest events and bytes of the histories of `workflowIds` (their latest runs). */
export async function historySample(client: Client, workflowIds: readonly string[]) {
  const sizes = await Promise.all(workflowIds.map((id) => historySize(client, id)));
  const largest = sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a), sizes[0]!);
  return {
    sampled: sizes.length,
    meanEvents: Math.round((sizes.reduce((n, s) => n + s.events, 0) / sizes.length) * 10) / 10,
    meanBytes: Math.round(sizes.reduce((n, s) => n + s.bytes, 0) / sizes.length),
    largest,
  };
}
