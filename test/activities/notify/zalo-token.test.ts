import pino from 'pino';
import { ZaloTokenStore } from '../../../activities/notify/zalo-token-store';
import { createDatabase } from '../../../db/database';
import { findZaloToken } from '../../../db/zalo-token.repository';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../../helpers/test-databases';
import { startFakeZalo, type FakeZalo } from './helpers/fake-zalo';

describe.each(DATABASE_KINDS)('the Zalo token pair, shared by workers through %s', (kind) => {
  let database: TestDatabase;
  let zalo: FakeZalo;
  beforeAll(async () => {
    [database, zalo] = await Promise.all([
      openTestDatabase(kind),
      startFakeZalo({ appSecret: 'secret', initialRefreshToken: 'RT-seed' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([database.close(), zalo.close()]);
  });

  it('is refreshed once when six workers find it stale at the same moment, and survives a restart', async () => {
    const workers = Array.from({ length: 6 }, () => createDatabase({ url: database.url, maxConnections: 1 }));
    const store = (db: (typeof workers)[number], now = () => Date.now()) =>
      new ZaloTokenStore({
        db,
        appId: '777',
        appSecret: 'secret',
        initialRefreshToken: 'RT-seed',
        oauthBaseUrl: zalo.url,
        refreshAheadMs: 3_600_000,
        timeoutMs: 2_000,
        now,
        log: pino({ level: 'silent' }),
      });
    try {
      // Real Postgres: six worker processes, each with its own pool. Embedded PGlite serves one process, whose
      // activities share one store; its socket server mixes up concurrent extended-protocol queries of separate
      // connections around a transaction (docs/notifications.md), which real Postgres never does.
      const shared = store(database.db);
      const tokens = await Promise.all(workers.map((db) => (kind === 'postgres' ? store(db) : shared).accessToken()));
      expect(new Set(tokens)).toEqual(new Set([zalo.validAccessToken]));
      expect(zalo.refreshes).toEqual([{ refreshToken: 'RT-seed', accepted: true }]);

      // A new process (no memory) reuses the stored pair; 24.5 h later it refreshes ahead of the 25 h expiry.
      expect(await store(database.db).accessToken()).toBe(zalo.validAccessToken);
      const tomorrow = () => Date.now() + 24.5 * 3_600_000;
      const sharedLater = store(database.db, tomorrow);
      const later = await Promise.all(
        workers.map((db) => (kind === 'postgres' ? store(db, tomorrow) : sharedLater).accessToken()),
      );
      expect(new Set(later).size).toBe(1);
      expect(zalo.refreshes.map((refresh) => refresh.accepted)).toEqual([true, true]);
      expect(new Set(zalo.refreshes.map((refresh) => refresh.refreshToken)).size).toBe(2);
      const row = await findZaloToken(database.db, '777');
      expect(row).toMatchObject({ refresh_token: zalo.validRefreshToken, refresh_count: 2 });
    } finally {
      await Promise.all(workers.map((db) => db.destroy()));
    }
  });
});
