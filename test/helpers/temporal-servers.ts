import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DEV_SERVER_SQLITE_PRAGMAS } from '../../runtime/temporal-dev-server';
import { resolveTemporalCli, resolveTestServerWrapper } from '../../runtime/tools';

/**
 * Temporal's time-skipping test server, from the jars that scripts/install-tools.sh resolved from Maven Central.
 * Only outside CI, and only when they are absent, does the SDK download its own build.
 */
export async function startTimeSkippingEnvironment(
  options: { startAt?: string } = {},
): Promise<TestWorkflowEnvironment> {
  const wrapper = resolveTestServerWrapper();
  if (!wrapper && process.env.CI) throw new Error('time-skipping test server missing: run scripts/install-tools.sh');
  if (options.startAt && !wrapper) throw new Error('startAt needs our test server launcher (scripts/install-tools.sh)');
  return TestWorkflowEnvironment.createTimeSkipping({
    server: {
      executable: wrapper ? { type: 'existing-path', path: wrapper } : { type: 'cached-download' },
      // Our launcher's flag (tools/test-server/LoopbackTestServer.java): the server's clock starts there.
      ...(options.startAt ? { extraArgs: [`--initial-time=${new Date(options.startAt).toISOString()}`] } : {}),
    },
  });
}

/** The Temporal CLI's dev server (the one `npm start` runs), in memory unless `dbFilename` is given. */
export async function startDevServerEnvironment(options: { dbFilename?: string; port?: number } = {}) {
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: resolveTemporalCli(undefined, process.env.PATH) },
      ip: '127.0.0.1',
      dbFilename: options.dbFilename,
      port: options.port,
      extraArgs: DEV_SERVER_SQLITE_PRAGMAS.flatMap((pragma) => ['--sqlite-pragma', pragma]),
    },
  });
}
