import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { createBenchActivities } from '../../bench/activities';
import { roundTripWorkflow } from '../../bench/workflows';
import { PROJECT_ROOT } from '../../runtime/project-root';

const script = path.join(PROJECT_ROOT, 'scripts', 'temporal-server.sh');
const built = existsSync(path.join(PROJECT_ROOT, '.tools', 'bin', 'temporal-server'));
const asked = process.env.TEMPORAL_SERVER_TEST === '1';

function run(...args: string[]): Record<string, string> {
  const result = spawnSync('bash', [script, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`temporal-server.sh ${args.join(' ')}: ${result.stderr}`);
  return Object.fromEntries([...result.stdout.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
}

// Only when asked (TEMPORAL_SERVER_TEST=1: it bundles workflows and starts PostgreSQL and the server, 10–50 s) and
// where the server was built (`scripts/install-tools.sh temporal-server`, minutes): the suite never builds it.
(built && asked ? describe : describe.skip)(
  'scripts/temporal-server.sh: the production-shaped Temporal on PostgreSQL',
  () => {
    let vars: Record<string, string> = {};
    afterAll(() => {
      if (vars.TEMPORAL_SERVER_DIR) run('stop', vars.TEMPORAL_SERVER_DIR);
    });

    it('comes up on loopback with namespace default, runs a workflow, and runs one again after a restart', async () => {
      vars = run('start');
      expect(vars.TEMPORAL_ADDRESS).toMatch(/^127\.0\.0\.1:\d+$/);
      const roundTrip = async () => {
        const connection = await NativeConnection.connect({ address: vars.TEMPORAL_ADDRESS! });
        const clientConnection = await Connection.connect({ address: vars.TEMPORAL_ADDRESS! });
        try {
          const client = new Client({ connection: clientConnection, namespace: 'default' });
          const taskQueue = `test-${randomUUID()}`;
          const worker = await Worker.create({
            connection,
            namespace: 'default',
            taskQueue,
            workflowsPath: require.resolve('../../bench/workflows'),
            activities: createBenchActivities(),
          });
          return await worker.runUntil(
            client.workflow.execute(roundTripWorkflow, {
              taskQueue,
              workflowId: `test-${randomUUID()}`,
              args: [{ version: 1, text: 'Sở Nội vụ' }],
            }),
          );
        } finally {
          await clientConnection.close();
          await connection.close();
        }
      };
      await expect(roundTrip()).resolves.toBe('Sở Nội vụ');
      run('restart', vars.TEMPORAL_SERVER_DIR!);
      await expect(roundTrip()).resolves.toBe('Sở Nội vụ');
    });
  },
);
