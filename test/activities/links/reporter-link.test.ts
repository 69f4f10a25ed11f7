import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadLinkSecret } from '../../../activities/links/link-secret';
import { reporterLinkExpiry, signReporterLink, verifyReporterLink } from '../../../activities/links/reporter-link';

const SECRET = 'a'.repeat(40);
const link = {
  obligationId: 'plan/960/KH-UBND/so-ket-2023/SGD#bao-cao',
  unitCode: 'SGD',
  expiresAt: '2035-12-31T00:00:00+07:00',
};
const now = Date.parse('2035-10-01T00:00:00+07:00');

describe('reporter links', () => {
  it('verify what they sign, and refuse an altered, foreign or expired token', () => {
    const { token, payload } = signReporterLink(link, SECRET);
    expect(token).toMatch(/^[\w-]+\.[\w-]{43}$/);
    expect(verifyReporterLink(token, SECRET, now)).toEqual({ ok: true, payload: { ...link, linkId: payload.linkId } });

    const [body, mac] = token.split('.') as [string, string];
    const altered = Buffer.from(JSON.stringify({ ...payload, unitCode: 'SYT' })).toString('base64url');
    expect(verifyReporterLink(`${altered}.${mac}`, SECRET, now)).toEqual({ ok: false, reason: 'signature' });
    expect(verifyReporterLink(token, 'b'.repeat(40), now)).toEqual({ ok: false, reason: 'signature' });
    expect(verifyReporterLink(`${body}`, SECRET, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyReporterLink('không phải liên kết', SECRET, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyReporterLink(token, SECRET, Date.parse(link.expiresAt))).toEqual({ ok: false, reason: 'expired' });
  });

  it('expire 30 days after the close by default', () => {
    expect(reporterLinkExpiry('2035-10-16T00:00:00+07:00', 30)).toBe('2035-11-15T00:00:00+07:00');
  });

  it('are signed with a key generated once into DATA_DIR/link-secret, readable by the owner only', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-link-secret-'));
    try {
      const first = loadLinkSecret(undefined, dir);
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect(statSync(path.join(dir, 'link-secret')).mode & 0o777).toBe(0o600);
      expect(loadLinkSecret(undefined, dir)).toBe(first);
      expect(loadLinkSecret('configured-secret', dir)).toBe('configured-secret');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
