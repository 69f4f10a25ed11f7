import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { ActivityDependencies } from '../activities';
import { createActivities } from '../activities';

export interface CreateWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dependencies: ActivityDependencies;
  /** Replaces named activities (tests hand in fakes of the senders here). */
  activityOverrides?: Partial<ReturnType<typeof createActivities>>;
  /** Prebuilt workflow bundle; built from workflows/ when absent. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

/** The worker's workflow entry point, bundled into the deterministic sandbox. */
export const WORKFLOWS_PATH = require.resolve('../workflows');

/** Builds a worker that runs every workflow in workflows/ and every activity from createActivities(). */
export function createWorker(options: CreateWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: { ...createActivities(options.dependencies), ...options.activityOverrides },
  });
}
