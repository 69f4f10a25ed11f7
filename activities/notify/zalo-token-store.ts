import type { Kysely } from 'kysely';
import { findZaloToken, seedZaloToken, withLockedZaloToken } from '../../db/zalo-token.repository';
import type { Database } from '../../db/schema';
import type { ZaloToken } from '../../db/tables/zalo-token.table';
import type { Logger } from '../../runtime/logger';
import { zaloErrorCode, zaloFetch } from './zalo-http';
import { ZaloTokenRevokedError } from './zalo-provider';

export interface ZaloTokenStoreOptions {
  db: Kysely<Database>;
  appId: string;
  appSecret: string;
  /** The first refresh token, from configuration; used only while the database has none. */
  initialRefreshToken: string | undefined;
  /** `https://oauth.zaloapp.com`. */
  oauthBaseUrl: string;
  /** Refresh this long before the access token expires (the token lasts ~25 h; default 1 h ahead). */
  refreshAheadMs: number;
  timeoutMs: number;
  now: () => number;
  log: Logger;
}

/**
 * The Zalo access token, kept in the database so it survives restarts and is shared by every worker. A token near
 * its expiry is refreshed ahead of time; the refresh runs with the app's row locked, so when several workers find
 * it stale at once, one refreshes and the others wait and take the new pair: each refresh token is used once.
 * Tokens never reach a log line.
 */
export class ZaloTokenStore {
  private seeded: Promise<void> | undefined;
  private inflight: Promise<string> | undefined;

  constructor(private readonly options: ZaloTokenStoreOptions) {}

  /** A usable access token: the stored one, or a fresh one when it expires within `refreshAheadMs`. */
  async accessToken(): Promise<string> {
    await this.seed();
    const row = await findZaloToken(this.options.db, this.options.appId);
    if (row && this.fresh(row)) return row.access_token;
    // Activities of this worker that find the token stale together wait for one refresh (the row lock does the
    // same across workers).
    this.inflight ??= this.refresh(row?.access_token).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /**
   * Zalo refused `rejected` (−124): refresh, unless another worker already replaced it, in which case its
   * replacement is returned. Called once per send, so a token Zalo keeps refusing is not refreshed in a loop.
   */
  async replaceRejected(rejected: string): Promise<string> {
    return this.refresh(rejected, true);
  }

  private fresh(row: ZaloToken): boolean {
    return (
      row.access_token !== '' && row.access_expires_at.getTime() - this.options.now() > this.options.refreshAheadMs
    );
  }

  private seed(): Promise<void> {
    const refreshToken = this.options.initialRefreshToken;
    this.seeded ??= refreshToken ? seedZaloToken(this.options.db, this.options.appId, refreshToken) : Promise.resolve();
    return this.seeded;
  }

  private async refresh(seen: string | undefined, rejected = false): Promise<string> {
    const row = await withLockedZaloToken(this.options.db, this.options.appId, async (locked) => {
      // Someone refreshed while we waited for the lock: take theirs.
      if (locked.access_token !== (seen ?? '') && locked.access_token !== '' && (rejected || this.fresh(locked))) {
        return undefined;
      }
      const pair = await this.callRefresh(locked.refresh_token);
      this.options.log.info(
        { appId: this.options.appId, refreshCount: locked.refresh_count + 1, expiresInS: pair.expiresInS },
        'zalo access token refreshed',
      );
      return {
        access_token: pair.accessToken,
        refresh_token: pair.refreshToken,
        access_expires_at: new Date(this.options.now() + pair.expiresInS * 1000),
        refresh_count: locked.refresh_count + 1,
        refreshed_at: new Date(this.options.now()),
      };
    });
    return row.access_token;
  }

  /** `POST /v4/oa/access_token` with the app's secret key; the answer carries the next pair. */
  private async callRefresh(
    refreshToken: string,
  ): Promise<{ accessToken: string; refreshToken: string; expiresInS: number }> {
    const answer = await zaloFetch(
      `${this.options.oauthBaseUrl}/v4/oa/access_token`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', secret_key: this.options.appSecret },
        body: new URLSearchParams({
          refresh_token: refreshToken,
          app_id: this.options.appId,
          grant_type: 'refresh_token',
        }).toString(),
      },
      this.options.timeoutMs,
    );
    const body = answer.body ?? {};
    const accessToken = typeof body.access_token === 'string' ? body.access_token : '';
    const nextRefresh = typeof body.refresh_token === 'string' ? body.refresh_token : '';
    if (answer.status >= 500 || answer.status === 429) {
      throw new Error(`ZALO_TOKEN_REFRESH_UNAVAILABLE: máy chủ OAuth của Zalo trả HTTP ${answer.status}`);
    }
    if (!accessToken || !nextRefresh) {
      const code = zaloErrorCode(body);
      this.options.log.error(
        { appId: this.options.appId, httpStatus: answer.status, code },
        'zalo token refresh refused',
      );
      throw new ZaloTokenRevokedError(`HTTP ${answer.status}, mã ${code ?? '—'}`);
    }
    // expires_in comes as a string of seconds ("90000" = 25 h).
    const expiresInS = Number(body.expires_in) > 0 ? Number(body.expires_in) : 90_000;
    return { accessToken, refreshToken: nextRefresh, expiresInS };
  }
}
