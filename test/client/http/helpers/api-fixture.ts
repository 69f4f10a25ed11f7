import { Client, Connection } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { saveAccount } from '../../../../db/account.repository';
import type { Database } from '../../../../db/schema';
import { buildHttpServer } from '../../../../client/http/build-server';
import type { ApiOptions } from '../../../../client/http/api-options';
import { hashPassword } from '../../../../client/http/auth/password-hash';
import { createLogger } from '../../../../runtime/logger';

export const LINK_SECRET = 'test-link-secret-0123456789abcdef0123456789';
export const PROXY_SECRET = 'test-proxy-secret-0123456789';
export const PASSWORD = 'mat-khau-thu-12345';

/** A Temporal client whose server never answers: every workflow call fails at once as "Temporal down". */
export function unreachableTemporal(): Client {
  // No gRPC retry interceptor: the default one retries UNAVAILABLE for ~10 s before giving up.
  return new Client({ connection: Connection.lazy({ address: '127.0.0.1:1', connectTimeout: 500, interceptors: [] }) });
}

/** The HTTP server on a test database, with a fixed link secret, SSO secret and a temporary data folder. */
export function buildTestApi(db: Kysely<Database>, options: { temporal?: Client; api?: Partial<ApiOptions> } = {}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-api-'));
  const app = buildHttpServer({
    temporal: options.temporal ?? unreachableTemporal(),
    db,
    log: createLogger('test', 'silent'),
    outboxDir: path.join(dataDir, 'outbox'),
    zaloWebhook: null,
    api: {
      taskQueue: 'test',
      linkSecret: () => LINK_SECRET,
      linkDaysAfterClose: 30,
      trustedProxySecret: () => PROXY_SECRET,
      sessionHours: 12,
      attachmentMaxBytes: 1024 * 1024,
      dataDir,
      rehearse: undefined,
      sendNotification: () => Promise.reject(new Error('no sender in this test')),
      ...options.api,
    },
  });
  return {
    app,
    dataDir,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates a local account with PASSWORD. */
export async function addAccount(
  db: Kysely<Database>,
  username: string,
  role: 'admin' | 'leader',
  unitCode: string | null = null,
): Promise<void> {
  await saveAccount(db, { username, passwordHash: await hashPassword(PASSWORD), role, unitCode }, 'test');
}

/** Logs in and returns the bearer header of the session. */
export async function loginHeaders(
  app: ReturnType<typeof buildHttpServer>,
  username: string,
): Promise<Record<string, string>> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: PASSWORD },
  });
  if (response.statusCode !== 200) throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
  return { authorization: `Bearer ${response.json<{ token: string }>().token}` };
}
