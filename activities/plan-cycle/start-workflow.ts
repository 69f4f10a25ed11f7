import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';

export interface StartWorkflowInput {
  workflowType: string;
  /** A deterministic id (domain/ids.ts): starting the same one twice is how a retried start stays harmless. */
  workflowId: string;
  args: unknown[];
}

export interface StartWorkflowResult {
  outcome: 'started' | 'already-started';
}

/**
 * Starts a workflow on this worker's task queue with no parent: how a plan cycle starts each milestone's tree, which
 * then lives on its own for months while the cycle continues as new (a child would stay tied to a run that has
 * already closed). Idempotent by workflow id: an already-started error is success. Other errors (the server
 * unreachable) are transient and left to the retry policy.
 */
export function startWorkflowActivity() {
  return async function startWorkflow(input: StartWorkflowInput): Promise<StartWorkflowResult> {
    const { client, info } = Context.current();
    try {
      await client.workflow.start(input.workflowType, {
        workflowId: input.workflowId,
        taskQueue: info.taskQueue,
        args: input.args,
      });
      return { outcome: 'started' };
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return { outcome: 'already-started' };
      throw error;
    }
  };
}
