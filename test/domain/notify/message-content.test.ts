import { composeMessage } from '../../../domain/notify/message-content';
import { deadlineCalendar } from '../../../domain/notify/deadline-calendar';
import { NOTIFICATION_KINDS, type NotificationRequest } from '../../../domain/notify/notification-request';
import { escapeHtml, renderHtml, renderText } from '../../../domain/notify/render-message';
import { znsTemplateData } from '../../../domain/notify/zns-template-data';

const base: NotificationRequest = {
  idempotencyKey: 'plan/KH-1/so-ket-2023/04/reminder-3',
  kind: 'reminder',
  recipient: {
    role: 'reporter',
    name: 'Trần Văn Minh',
    email: 'minh@example.vn',
    unitCode: '04',
    unitName: 'UBND huyện Hà Quảng',
  },
  channels: ['email'],
  plan: { code: 'KH-1', title: 'Sơ kết phong trào thi đua năm 2023', issuer: 'UBND tỉnh Cao Bằng' },
  milestone: { id: 'so-ket-2023', title: 'Sơ kết năm 2023' },
  report: { id: 'bc', title: 'Báo cáo sơ kết' },
  dueAt: '2023-10-01T00:00:00+07:00',
  submissionLink: 'https://dondoc.example.vn/nop/abc?sig=1',
  extra: {
    daysLeft: 3,
    daysOverdue: 2,
    escalationStep: 2,
    lateUnitName: 'UBND xã Trường Hà',
    receiptNumber: 'BN-2023-0042',
    submittedAt: '2023-09-28T15:20:00+07:00',
    previousDueAt: '2023-09-21T00:00:00+07:00',
    submitted: 12,
    overdue: 3,
    pending: 5,
    total: 20,
    rows: JSON.stringify([{ unitName: 'UBND xã Trường Hà', status: 'quá hạn', note: '2 ngày' }]),
  },
  now: '2023-09-27T08:00:00+07:00',
};

describe('notification texts', () => {
  const subjects = {
    assignment: '[KH-1] Nhiệm vụ báo cáo: Báo cáo sơ kết, hạn hết ngày thứ Bảy, 30/09/2023',
    reminder: '[KH-1] Nhắc hạn: còn 3 ngày nộp Báo cáo sơ kết',
    'due-today': '[KH-1] Hôm nay là hạn cuối nộp Báo cáo sơ kết',
    overdue: '[KH-1] Quá hạn 2 ngày: UBND huyện Hà Quảng chưa gửi Báo cáo sơ kết',
    escalation: '[KH-1] Đôn đốc: UBND xã Trường Hà chưa gửi Báo cáo sơ kết',
    receipt: '[KH-1] Đã nhận Báo cáo sơ kết của UBND huyện Hà Quảng',
    extension: '[KH-1] Gia hạn nộp Báo cáo sơ kết đến hết ngày thứ Bảy, 30/09/2023',
    cancellation: '[KH-1] Dừng thực hiện: Báo cáo sơ kết không cần gửi nữa',
    digest: '[KH-1] Bản tin thứ Tư, 27/09/2023: 12/20 đơn vị đã gửi Báo cáo sơ kết',
  } as const;

  it.each(NOTIFICATION_KINDS)('%s: a Vietnamese subject, greeting, plan, deadline and link', (kind) => {
    const content = composeMessage({ ...base, kind });
    expect(content.subject).toBe(subjects[kind]);
    const text = renderText(content);
    expect(text).toContain('Kính gửi: đồng chí Trần Văn Minh (UBND huyện Hà Quảng),');
    expect(text).toContain('Kế hoạch: số KH-1 – Sơ kết phong trào thi đua năm 2023');
    expect(text).toContain('Hạn nộp: hết ngày thứ Bảy, 30/09/2023');
    expect(text).toContain('https://dondoc.example.vn/nop/abc?sig=1');
    expect(renderHtml(content)).toContain('href="https://dondoc.example.vn/nop/abc?sig=1"');
  });

  it('says what each kind needs to say', () => {
    expect(renderText(composeMessage({ ...base, kind: 'receipt' }))).toContain('Số biên nhận: BN-2023-0042');
    expect(renderText(composeMessage({ ...base, kind: 'receipt' }))).toContain('lúc 15:20 thứ Năm, 28/09/2023');
    expect(renderText(composeMessage({ ...base, kind: 'extension' }))).toContain(
      '(hạn cũ: hết ngày thứ Tư, 20/09/2023)',
    );
    expect(renderText(composeMessage({ ...base, kind: 'escalation' }))).toContain('Mức đôn đốc: lần 2');
    expect(
      renderText(composeMessage({ ...base, kind: 'cancellation', extra: { reason: 'Kế hoạch mới thay thế' } })),
    ).toContain('Lý do: Kế hoạch mới thay thế.');
    expect(renderText(composeMessage({ ...base, kind: 'digest' }))).toContain('UBND xã Trường Hà | quá hạn | 2 ngày');
  });

  it('escapes what came from a plan or a contact in HTML', () => {
    const html = renderHtml(composeMessage({ ...base, recipient: { ...base.recipient, name: '<script>x</script>' } }));
    expect(html).not.toContain('<script>x');
    expect(escapeHtml(`"'&<>`)).toBe('&quot;&#39;&amp;&lt;&gt;');
  });

  it('puts the deadline in an all-day iCalendar event on the last day, only for kinds that ask to act', () => {
    const ics = deadlineCalendar(base)!;
    expect(ics).toContain('DTSTART;VALUE=DATE:20230930\r\n');
    expect(ics).toContain('UID:KH-1/so-ket-2023/bc/04@dondoc\r\n');
    expect(ics).toContain('DTSTAMP:20230927T010000Z\r\n');
    expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(deadlineCalendar({ ...base, kind: 'receipt' })).toBeUndefined();
    expect(deadlineCalendar({ ...base, kind: 'extension' })).toContain('SEQUENCE:1');
    // A cancellation withdraws the same event (same UID) from the recipient's calendar.
    const cancel = deadlineCalendar({ ...base, kind: 'cancellation', extra: { sequence: 2 } })!;
    expect(cancel).toContain('METHOD:CANCEL\r\n');
    expect(cancel).toContain('STATUS:CANCELLED\r\n');
    expect(cancel).toContain('SEQUENCE:2\r\n');
    expect(cancel).toContain('UID:KH-1/so-ket-2023/bc/04@dondoc\r\n');
  });

  it('fills ZNS parameters within Zalo’s lengths', () => {
    const data = znsTemplateData({
      ...base,
      recipient: { ...base.recipient, name: 'Nguyễn Thị Phương Thảo Nguyên Khánh Linh' },
    });
    expect(data).toMatchObject({
      due_date: 'thứ Bảy, 30/09/2023',
      days: '3',
      plan_code: 'KH-1',
      receipt_number: 'BN-2023-0042',
    });
    expect([...data.customer_name!].length).toBe(30);
  });
});
