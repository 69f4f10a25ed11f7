import { planChannels } from '../../../domain/notify/channel-policy';
import type { NotificationRecipient } from '../../../domain/notify/notification-request';
import { classifyZaloAnswer, deferDelayMs } from '../../../domain/notify/zalo-error-policy';
import { toZaloPhone } from '../../../domain/notify/zalo-phone';

const contact = (email?: string, phone?: string): NotificationRecipient => ({
  role: 'reporter',
  name: 'Lan',
  unitCode: '04',
  unitName: 'Sở Tư pháp',
  ...(email ? { email } : {}),
  ...(phone ? { phone } : {}),
});

describe('channel policy', () => {
  it('uses every requested channel the contact has an address for', () => {
    expect(planChannels(['email', 'zalo'], contact('a@b.vn', '+84912345678')).deliveries).toEqual([
      { channel: 'email', address: 'a@b.vn' },
      { channel: 'zalo', address: '+84912345678' },
    ]);
  });
  it('falls back to the other channel when the contact lacks the requested one', () => {
    expect(planChannels(['zalo'], contact('a@b.vn'))).toEqual({
      deliveries: [{ channel: 'email', address: 'a@b.vn', fallbackFor: 'zalo' }],
      unreachable: [],
    });
    expect(planChannels(['email'], contact(undefined, '0912345678')).deliveries).toEqual([
      { channel: 'zalo', address: '0912345678', fallbackFor: 'email' },
    ]);
  });
  it('reports a contact with no address at all as unreachable, in Vietnamese', () => {
    expect(planChannels(['email', 'zalo'], contact())).toEqual({
      deliveries: [],
      unreachable: [
        { channel: 'email', reason: 'đơn vị chưa khai báo địa chỉ email của người nhận' },
        { channel: 'zalo', reason: 'đơn vị chưa khai báo số điện thoại (Zalo) của người nhận' },
      ],
    });
  });
});

describe('Zalo answers', () => {
  it.each([
    [200, -118, 'fallback'],
    [200, -119, 'fallback'],
    [200, -124, 'refresh-token'],
    [200, -115, 'defer'],
    [429, undefined, 'defer'],
    [502, undefined, 'retry'],
    [200, -100, 'retry'],
    [200, -109, 'permanent'],
    [200, -999, 'permanent'],
  ] as const)('HTTP %i, error %s → %s', (status, code, action) => {
    expect(classifyZaloAnswer(status, code).action).toBe(action);
  });
  it('keeps the raw code in the reason', () => {
    expect(classifyZaloAnswer(200, -118, 'Zalo account not existed').reason).toBe(
      'số điện thoại chưa có tài khoản Zalo (HTTP 200, mã -118: Zalo account not existed)',
    );
  });
  it('backs off 5, 10, 20 min … up to 6 h', () => {
    expect([1, 2, 3, 10].map((attempt) => deferDelayMs(attempt) / 60_000)).toEqual([5, 10, 20, 360]);
  });
  it('writes numbers as 84…', () => {
    expect(toZaloPhone('+84 912 345 678')).toBe('84912345678');
    expect(toZaloPhone('0912.345.678')).toBe('84912345678');
    expect(toZaloPhone('912345678')).toBeUndefined();
  });
});
