import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createZaloProvider } from '../../../activities/notify/create-notify-dependencies';
import { sendNotificationActivity } from '../../../activities/notify/send-notification';
import { importUnits } from '../../../db/import/import-units';
import { listDeliveries } from '../../../db/notification-log.repository';
import { findZaloFollower } from '../../../db/unit-contact.repository';
import { UnitError } from '../../../domain/units/unit-issue';
import { loadConfig } from '../../../runtime/config';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../../helpers/test-databases';
import { startFakeZalo, type FakeZalo } from './helpers/fake-zalo';
import {
  anyString,
  capturingLogger,
  matching,
  memoryEmail,
  notifyDeps,
  reminderRequest,
} from './helpers/notify-fixtures';

const APP = { appId: '4310000000000000003', appSecret: 'app-secret-Oa55' };
const FOLLOWER = '8473629105738291045';

// The reporter follows the OA and the agency filled in her Zalo user id; the head did not.
const UNITS = `code,name,type,parent_code,valid_from,reporter_name,reporter_phone,reporter_zalo_user_id,head_name,head_phone
STP,Sở Tư pháp,Sở,,2020-01-01,Nguyễn Thị Lan,0912 345 678,${FOLLOWER},Trần Văn Hùng,0987 000 111
`;

describe.each(DATABASE_KINDS)('Zalo Official Account messages to followers, contacts on %s', (kind) => {
  let database: TestDatabase;
  let zalo: FakeZalo;
  let dir: string;
  beforeAll(async () => {
    [database, zalo] = await Promise.all([
      openTestDatabase(kind),
      startFakeZalo({ appSecret: APP.appSecret, initialRefreshToken: 'RT-oa-initial' }),
    ]);
    zalo.followers.add(FOLLOWER);
    dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-oa-'));
    writeFileSync(path.join(dir, 'units.csv'), UNITS);
    await importUnits(database.db, { files: [path.join(dir, 'units.csv')], format: 'csv' }, { today: '2025-01-01' });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await Promise.all([database?.close(), zalo?.close()]);
  });

  /** The OA provider as the worker builds it from ZALO_MODE=oa (its follower lookup reads the contacts). */
  function setup() {
    const logger = capturingLogger();
    const config = loadConfig({
      ZALO_MODE: 'oa',
      ZALO_APP_ID: APP.appId,
      ZALO_APP_SECRET: APP.appSecret,
      ZALO_REFRESH_TOKEN: 'RT-oa-initial',
      ZALO_OA_API_URL: zalo.url,
      ZALO_OAUTH_URL: zalo.url,
      ZALO_TIMEOUT_MS: '2000',
    });
    const provider = createZaloProvider(config, database.db, logger.log)!;
    const email = memoryEmail();
    const deps = notifyDeps(database.db, { email, zalo: provider, log: logger.log, options: { zaloPerSecond: 0 } });
    return { send: sendNotificationActivity(deps), email, provider };
  }

  it('reads the Zalo user id from the unit CSV and finds the follower behind a number', async () => {
    expect(await findZaloFollower(database.db, '+84912345678')).toBe(FOLLOWER);
    expect(await findZaloFollower(database.db, '+84987000111')).toBeUndefined();
  });

  it('sends the Vietnamese reminder to the follower’s user id, once', async () => {
    const { send, provider } = setup();
    expect(provider.kind).toBe('oa');
    const request = reminderRequest({ channels: ['zalo'] });
    const before = zalo.oaCalls.length;

    const result = await send(request);
    const again = await send(request);

    expect(result.deliveries).toEqual([{ channel: 'zalo', status: 'sent', providerMessageId: matching(/^oa-msg-/) }]);
    expect(again.deliveries).toEqual([{ channel: 'zalo', status: 'already-sent', providerMessageId: anyString }]);
    const calls = zalo.oaCalls.slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.userId).toBe(FOLLOWER);
    expect(calls[0]!.token).toBe(zalo.validAccessToken);
    expect(calls[0]!.text).toContain('thứ Sáu, 30/05/2025');
    expect(calls[0]!.text).toContain('125/KH-UBND');
    expect(calls[0]!.text).toContain(request.submissionLink);
  });

  it('a contact who does not follow the OA gets the message by email, and the log says why', async () => {
    const { send, email } = setup();
    const request = reminderRequest({
      channels: ['zalo'],
      recipient: {
        role: 'head',
        name: 'Trần Văn Hùng',
        email: 'hung.tv@sotuphap.example.vn',
        phone: '+84987000111',
        unitCode: 'STP',
        unitName: 'Sở Tư pháp',
      },
    });
    const before = zalo.oaCalls.length;

    const result = await send(request);

    expect(result.deliveries).toEqual([
      { channel: 'zalo', status: 'failed', reason: matching(/chưa có tài khoản Zalo.*-118.*chưa quan tâm/) },
      { channel: 'email', status: 'sent', providerMessageId: anyString },
    ]);
    expect(email.sent.map((sent) => sent.to.address)).toEqual(['hung.tv@sotuphap.example.vn']);
    expect(zalo.oaCalls.length).toBe(before);
    const rows = await listDeliveries(database.db, request.idempotencyKey);
    expect(rows.map((row) => [row.channel, row.status, row.error_code])).toEqual([
      ['zalo', 'failed', '-118'],
      ['email', 'sent', null],
    ]);
  });

  it('refuses a Zalo user id that is not one, naming the line and the column', async () => {
    const file = path.join(dir, 'sai.csv');
    writeFileSync(
      file,
      'code,name,type,parent_code,valid_from,head_zalo_user_id\nSNV,Sở Nội vụ,Sở,,2020-01-01,lan.nguyen\n',
    );

    const error = await importUnits(database.db, { files: [file], format: 'csv' }, { today: '2025-01-01' }).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(UnitError);
    expect((error as Error).message).toContain(
      `UNIT_CONTACT_ZALO_USER_ID_INVALID: "lan.nguyen" không phải là ID người dùng Zalo`,
    );
    expect((error as Error).message).toContain('sai.csv, dòng 2, cột head_zalo_user_id');
  });
});
