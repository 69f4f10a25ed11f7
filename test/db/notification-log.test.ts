import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createDatabase } from '../../db/database';
import {
  claimDelivery,
  deferDelivery,
  listUndeliverable,
  markDeliveryFailed,
  markDeliverySent,
} from '../../db/notification-log.repository';
import type { NewNotificationLog } from '../../db/tables/notification-log.table';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../helpers/test-databases';

describe.each(DATABASE_KINDS)('the notification log on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  const row = (plan = `KH-${randomUUID()}`): NewNotificationLog => {
    const key = `plan/${plan}/so-ket/04/reminder-1`;
    return {
      delivery_key: `${key}#email#lan@sotuphap.example.vn`,
      idempotency_key: key,
      channel: 'email',
      address: 'lan@sotuphap.example.vn',
      kind: 'reminder',
      plan_code: plan,
      unit_code: '04',
      recipient_role: 'reporter',
      recipient_name: 'Nguyễn Thị Lan',
      fallback_for: null,
      message_id: `<${randomUUID()}@dondoc>`,
    };
  };
  const options = { businessNow: '2025-05-27T09:00:00+07:00', leaseSeconds: 60 };

  it('lets exactly one of many concurrent workers claim a delivery', async () => {
    const delivery = row();
    const workers = Array.from({ length: 8 }, () => createDatabase({ url: database.url, maxConnections: 1 }));
    try {
      const claims = await Promise.all(workers.map((db) => claimDelivery(db, delivery, options)));
      expect(claims.filter((claim) => claim.claimed)).toHaveLength(1);
      expect(claims.every((claim) => claim.row.status === 'sending')).toBe(true);
    } finally {
      await Promise.all(workers.map((db) => db.destroy()));
    }
  });

  it('keeps the key unique, never claims a sent delivery, and takes over an attempt whose lease ran out', async () => {
    const delivery = row();
    expect((await claimDelivery(database.db, delivery, options)).claimed).toBe(true);
    expect((await claimDelivery(database.db, delivery, options)).claimed).toBe(false);
    // The worker died: its lease (here 0 s) is over, so the retry may send again, counting the attempt.
    const takeover = await claimDelivery(database.db, delivery, { ...options, leaseSeconds: 0 });
    expect(takeover).toMatchObject({ claimed: true, row: { attempts: 2 } });
    await markDeliverySent(database.db, delivery.delivery_key, { providerMessageId: 'Q1' });
    const after = await claimDelivery(database.db, delivery, { ...options, leaseSeconds: 0 });
    expect(after).toMatchObject({ claimed: false, row: { status: 'sent', provider_message_id: 'Q1' } });
    await expect(
      sql`insert into notification_log (delivery_key, idempotency_key, channel, address, kind, plan_code, unit_code,
          recipient_role, recipient_name, message_id) values (${delivery.delivery_key}, 'k', 'email', 'a', 'reminder',
          'p', 'u', 'reporter', 'n', 'm')`.execute(database.db),
    ).rejects.toThrow(/unique|duplicate/i);
  });

  it('holds a deferred delivery until its retry time, by business time', async () => {
    const delivery = row();
    await deferDelivery(database.db, delivery, { retryAt: '2025-05-28T07:00:00+07:00', reason: 'ngoài giờ gửi Zalo' });
    expect((await claimDelivery(database.db, delivery, options)).claimed).toBe(false);
    const morning = await claimDelivery(database.db, delivery, {
      ...options,
      businessNow: '2025-05-28T07:00:00+07:00',
    });
    expect(morning.claimed).toBe(true);
  });

  it('lists a plan’s permanent failures with their reasons for the dashboard', async () => {
    const plan = `KH-${randomUUID()}`;
    const delivery = row(plan);
    await claimDelivery(database.db, delivery, options);
    await markDeliveryFailed(database.db, delivery.delivery_key, { errorCode: '550', reason: 'hộp thư không tồn tại' });
    const failures = await listUndeliverable(database.db, plan);
    expect(failures.map((failure) => [failure.recipient_name, failure.error_code, failure.reason])).toEqual([
      ['Nguyễn Thị Lan', '550', 'hộp thư không tồn tại'],
    ]);
  });
});
