import type { DeliveryChannel, NotificationRecipient } from './notification-request';

/** One planned delivery: a channel and the address it goes to. */
export interface PlannedDelivery {
  channel: DeliveryChannel;
  address: string;
  /** Set when this delivery stands in for a channel the contact cannot be reached on. */
  fallbackFor?: DeliveryChannel;
}

export interface ChannelPlan {
  deliveries: PlannedDelivery[];
  /** Requested channels that no address serves, with the reason in Vietnamese ("không gửi được"). */
  unreachable: Array<{ channel: DeliveryChannel; reason: string }>;
}

const MISSING: Record<DeliveryChannel, string> = {
  email: 'đơn vị chưa khai báo địa chỉ email của người nhận',
  zalo: 'đơn vị chưa khai báo số điện thoại (Zalo) của người nhận',
};

/** The other channel: the one a permanent failure falls back to. */
export function fallbackChannel(channel: DeliveryChannel): DeliveryChannel {
  return channel === 'email' ? 'zalo' : 'email';
}

/** The address of a channel in a contact, if any. */
export function addressFor(recipient: NotificationRecipient, channel: DeliveryChannel): string | undefined {
  const value = channel === 'email' ? recipient.email : recipient.phone;
  return value?.trim() ? value.trim() : undefined;
}

/**
 * Which deliveries a request makes. The requested channels are the contact's policy (email, Zalo or both, as the
 * caller resolved it from the plan and the contact). A channel the contact has no address for falls back to the other
 * channel when that one has an address and is not already used, so the message still arrives; when neither can, the
 * channel is unreachable and the caller records it as a permanent failure.
 */
export function planChannels(channels: readonly DeliveryChannel[], recipient: NotificationRecipient): ChannelPlan {
  const deliveries: PlannedDelivery[] = [];
  const unreachable: ChannelPlan['unreachable'] = [];
  const requested = [...new Set(channels)];
  for (const channel of requested) {
    const address = addressFor(recipient, channel);
    if (address) deliveries.push({ channel, address });
  }
  for (const channel of requested) {
    if (addressFor(recipient, channel)) continue;
    const other = fallbackChannel(channel);
    const otherAddress = addressFor(recipient, other);
    if (otherAddress && !deliveries.some((delivery) => delivery.channel === other)) {
      deliveries.push({ channel: other, address: otherAddress, fallbackFor: channel });
    } else if (!otherAddress || !requested.includes(other)) {
      unreachable.push({ channel, reason: MISSING[channel] });
    }
  }
  return { deliveries, unreachable };
}
