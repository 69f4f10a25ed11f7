import type { Worker } from '@temporalio/worker';
import type { ActivityDependencies } from '../activities';
import type { TemporalConfig } from '../runtime/config';
import { connectTemporalWorker } from '../runtime/temporal-connection';
import { createWorker } from '../worker/create-worker';
import type { Lifecycle } from './lifecycle';

/**
 * Connects a worker to Temporal at `address` and builds it on the configured namespace and task queue, with the
 * database and the notification providers for its activities. The connection is added to `lifecycle`, so it closes after the worker has drained.
 * Throws `EnvironmentError('SERVICE_UNREACHABLE')` when Temporal does not answer.
 */
export async function startWorker(
  lifecycle: Lifecycle,
  temporal: TemporalConfig,
  address: string,
  dependencies: ActivityDependencies,
): Promise<Worker> {
  const connection = await connectTemporalWorker(temporal, address);
  lifecycle.add({ stop: () => connection.close() });
  return createWorker({
    connection,
    namespace: temporal.namespace,
    taskQueue: temporal.taskQueue,
    dependencies,
  });
}
