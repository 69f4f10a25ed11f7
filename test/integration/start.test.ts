import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { createDatabase } from '../../db/database';
import { listTimelineEvents } from '../../db/timeline-event.repository';
import { formatVietnamInstant, parseInstant, vietnamInstant } from '../../domain/civil-time';
import { milestoneAlarmWorkflowId } from '../../domain/ids';
import { freePort, isPortListening } from '../../runtime/ports';
import { milestoneAlarmWorkflow } from '../../workflows/milestone-alarm';
import { spawnApp, type AppProcess } from '../helpers/app-process';

const BANNER = /Đôn đốc đang chạy/;

describe('npm start on embedded defaults', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let app: AppProcess | undefined;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-start-'));
    const [temporal, ui, pglite, http] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    env = {
      DATA_DIR: dataDir,
      TEMPORAL_PORT: String(temporal),
      TEMPORAL_UI_PORT: String(ui),
      PGLITE_PORT: String(pglite),
      HTTP_PORT: String(http),
    };
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function withClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    const connection = await Connection.connect({ address: `127.0.0.1:${env.TEMPORAL_PORT}` });
    try {
      return await fn(new Client({ connection }));
    } finally {
      await connection.close();
    }
  }

  it('starts everything, stops cleanly on Ctrl-C, and a second start resumes workflows and records', async () => {
    app = spawnApp(env);
    await app.waitFor(BANNER);
    expect(app.output()).toContain(`Temporal Web UI:  http://127.0.0.1:${env.TEMPORAL_UI_PORT}`);

    const health = await fetch(`http://127.0.0.1:${env.HTTP_PORT}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', temporal: { ok: true }, database: { ok: true } });

    const planCode = `KH-${randomUUID()}`;
    // One milestone already open (fires now), one that opens while the service is stopped.
    const pendingOpensAt = formatVietnamInstant(Math.ceil((Date.now() + 12_000) / 1000) * 1000);
    await withClient(async (client) => {
      await client.workflow.execute(milestoneAlarmWorkflow, {
        workflowId: milestoneAlarmWorkflowId(planCode, 'past'),
        taskQueue: 'dondoc',
        args: [{ version: 1, planCode, milestoneCode: 'past', opensAt: vietnamInstant('2021-07-01') }],
      });
      await client.workflow.start(milestoneAlarmWorkflow, {
        workflowId: milestoneAlarmWorkflowId(planCode, 'pending'),
        taskQueue: 'dondoc',
        args: [{ version: 1, planCode, milestoneCode: 'pending', opensAt: pendingOpensAt }],
      });
    });

    app.child.kill('SIGINT');
    expect(await app.exited).toBe(0);
    expect(await isPortListening(Number(env.TEMPORAL_PORT))).toBe(false);
    expect(await isPortListening(Number(env.PGLITE_PORT))).toBe(false);

    app = spawnApp(env);
    await app.waitFor(BANNER);
    const result = await withClient((client) =>
      client.workflow.getHandle<typeof milestoneAlarmWorkflow>(milestoneAlarmWorkflowId(planCode, 'pending')).result(),
    );
    expect(parseInstant(result.firedAt)).toBeGreaterThanOrEqual(parseInstant(pendingOpensAt));

    const db = createDatabase({ url: `postgres://postgres@127.0.0.1:${env.PGLITE_PORT}/postgres`, maxConnections: 1 });
    try {
      const milestones = (await listTimelineEvents(db, planCode)).map((event) => event.milestone_code);
      expect(milestones).toEqual(['past', 'pending']);
    } finally {
      await db.destroy();
    }
    app.child.kill('SIGINT');
    expect(await app.exited).toBe(0);
  });
});
