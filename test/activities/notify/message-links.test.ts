import { verifyReporterLink } from '../../../activities/links/reporter-link';
import { withMessageLink } from '../../../activities/notify/message-links';
import type { NotificationRequest } from '../../../activities/notify/send-notification';
import { parseInstant } from '../../../domain/civil-time';

const links = { publicUrl: 'https://dondoc.example.vn', secret: 'k'.repeat(40), daysAfterClose: 30 };
const request: NotificationRequest = {
  idempotencyKey: 'plan/125/KH-UBND/so-ket-2031/X21/bao-cao/reminder-2031-09-17-1/reporter',
  kind: 'reminder',
  recipient: {
    role: 'reporter',
    name: 'Văn thư X21',
    email: 'vt@x21.example.invalid',
    unitCode: 'N1',
    unitName: 'Xã Mới',
  },
  channels: ['email'],
  plan: { code: '125/KH-UBND', title: 'Sơ kết', issuer: 'UBND tỉnh' },
  milestone: { id: 'so-ket-2031', title: 'Sơ kết năm 2031' },
  report: { id: 'bao-cao', title: 'Báo cáo sơ kết' },
  dueAt: '2031-09-18T00:00:00+07:00',
  obligation: { id: 'plan/125/KH-UBND/so-ket-2031/X21#bao-cao', unitCode: 'N1', closeAt: '2031-09-25T00:00:00+07:00' },
  now: '2031-09-08T08:00:00+07:00',
};

describe('the link in a message', () => {
  it('gives the unit’s people a signed link to their submission page, for their unit and report only', () => {
    const link = withMessageLink(request, links).submissionLink!;
    expect(link).toMatch(/^https:\/\/dondoc\.example\.vn\/nop\/[\w-]+\.[\w-]+$/);
    const verified = verifyReporterLink(link.split('/nop/')[1]!, links.secret, parseInstant(request.now));
    expect(verified).toEqual({
      ok: true,
      payload: {
        obligationId: 'plan/125/KH-UBND/so-ket-2031/X21#bao-cao',
        unitCode: 'N1',
        // 30 days after the report closes.
        expiresAt: '2031-10-25T00:00:00+07:00',
        linkId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      },
    });
    // Signed with another key, it opens nothing.
    expect(verifyReporterLink(link.split('/nop/')[1]!, 'x'.repeat(40), parseInstant(request.now))).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('is the same for a retried or resent message and different for another message', () => {
    const head = { ...request, recipient: { ...request.recipient, role: 'head' as const } };
    expect(withMessageLink(request, links).submissionLink).toBe(withMessageLink(request, links).submissionLink);
    expect(withMessageLink({ ...head, idempotencyKey: `${request.idempotencyKey}x` }, links).submissionLink).not.toBe(
      withMessageLink(request, links).submissionLink,
    );
  });

  it('sends the people above to the leaders’ view of the milestone, and keeps a link the caller gave', () => {
    const owner = {
      ...request,
      kind: 'escalation' as const,
      recipient: { ...request.recipient, role: 'owner' as const },
    };
    expect(withMessageLink(owner, links).submissionLink).toBe(
      'https://dondoc.example.vn/theo-doi/125%2FKH-UBND/so-ket-2031',
    );
    expect(withMessageLink({ ...request, submissionLink: 'https://x.example/y' }, links).submissionLink).toBe(
      'https://x.example/y',
    );
    expect(withMessageLink(request, undefined).submissionLink).toBeUndefined();
  });
});
