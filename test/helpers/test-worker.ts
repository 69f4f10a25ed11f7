import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { ActivityDependencies, createActivities } from '../../activities';
import { createWorker, WORKFLOWS_PATH } from '../../worker/create-worker';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** The workflow bundle, built once per test file (webpack takes a second or two). */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger });
  return bundle;
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => process.stderr.write(`${message}\n`),
};

/**
 * A worker on a fresh task queue of the test environment, with the real activities built from `dependencies` and
 * any `activityOverrides` (fakes of the senders, failure injection) on top.
 */
export async function createTestWorker(options: {
  env: TestWorkflowEnvironment;
  dependencies: ActivityDependencies;
  activityOverrides?: Partial<ReturnType<typeof createActivities>>;
  /** A fresh queue unless given (a restarted worker takes over its predecessor's queue). */
  taskQueue?: string;
}) {
  const taskQueue = options.taskQueue ?? `test-${randomUUID()}`;
  const worker = await createWorker({
    connection: options.env.nativeConnection,
    namespace: options.env.namespace ?? 'default',
    taskQueue,
    dependencies: options.dependencies,
    activityOverrides: options.activityOverrides,
    workflowBundle: await workflowBundle(),
  });
  return { worker, taskQueue };
}
