import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeEmail } from '../../../activities/notify/compose-email';
import { createEmailProvider } from '../../../activities/notify/create-notify-dependencies';
import { EmailSendError, type EmailProvider } from '../../../activities/notify/email-provider';
import { loadConfig } from '../../../runtime/config';
import { createLogger } from '../../../runtime/logger';
import { leaves, parseMime } from './helpers/parse-mime';
import { reminderRequest } from './helpers/notify-fixtures';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink';
import { makeTestCertificate, type TestCertificate } from './helpers/test-certificate';
import { verifyDkim } from './helpers/verify-dkim';

const MAIL_FROM = { name: 'Sở Nội vụ tỉnh Cao Bằng', address: 'khong-tra-loi@sonoivu.example.vn' };

describe('SMTP over TLS with DKIM, against a real server on loopback (configured as an operator would)', () => {
  let certificate: TestCertificate;
  let dir: string;
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const sinks: SmtpSink[] = [];
  const providers: EmailProvider[] = [];

  beforeAll(() => {
    certificate = makeTestCertificate();
    dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-dkim-'));
    writeFileSync(path.join(dir, 'dkim.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  });
  afterAll(async () => {
    await Promise.all([...providers.map((provider) => provider.close()), ...sinks.map((sink) => sink.close())]);
    certificate.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  async function sink(options: Parameters<typeof startSmtpSink>[0]): Promise<SmtpSink> {
    const started = await startSmtpSink(options);
    sinks.push(started);
    return started;
  }

  /** The provider `app/` would build from these variables (runtime/config.ts → createEmailProvider). */
  function providerFor(env: Record<string, string>): EmailProvider {
    const config = loadConfig({ DATA_DIR: dir, MAIL_FROM: `${MAIL_FROM.name} <${MAIL_FROM.address}>`, ...env });
    const provider = createEmailProvider(config, createLogger('test', 'silent'));
    providers.push(provider);
    return provider;
  }
  const dkimEnv = () => ({
    SMTP_DKIM_DOMAIN: 'sonoivu.example.vn',
    SMTP_DKIM_SELECTOR: 'dondoc2026',
    SMTP_DKIM_KEY: path.join(dir, 'dkim.pem'),
  });
  const reminder = () => {
    const request = reminderRequest();
    return composeEmail(request, request.recipient.email!, `<${Date.now()}.tls@sonoivu.example.vn>`, MAIL_FROM, 'k');
  };

  it.each([
    { name: 'STARTTLS on smtp://', implicit: false },
    { name: 'TLS from the first byte on smtps://', implicit: true },
  ])('$name: encrypted, and the DKIM signature verifies with the public key', async ({ implicit }) => {
    const server = await sink({ tls: { key: certificate.key, cert: certificate.cert, implicit } });
    const provider = providerFor({
      SMTP_URL: server.url,
      SMTP_REQUIRE_TLS: 'true',
      SMTP_TLS_CA: certificate.certPath,
      ...dkimEnv(),
    });
    const email = reminder();

    await provider.send(email);

    expect(server.messages).toHaveLength(1);
    const [message] = server.messages;
    expect(message!.secure).toBe(true);
    expect(message!.tlsVersion).toMatch(/^TLSv1\.[23]$/);
    expect(message!.envelopeTo).toEqual([email.to.address]);

    const verdict = verifyDkim(message!.raw, publicKey);
    expect(verdict.tags).toMatchObject({ v: '1', a: 'rsa-sha256', c: 'relaxed/relaxed', d: 'sonoivu.example.vn' });
    expect(verdict.tags.s).toBe('dondoc2026');
    expect(verdict.tags.h!.toLowerCase().split(':')).toEqual(
      expect.arrayContaining(['from', 'to', 'subject', 'date', 'message-id', 'content-type']),
    );
    expect(verdict).toMatchObject({ bodyHashMatches: true, signatureValid: true });
    // What the unit reads is what was signed: the Vietnamese subject and the deadline.
    const mime = parseMime(message!.raw);
    expect(mime.headers.subject).toBe(email.subject);
    expect(leaves(mime).some((part) => part.body.includes('thứ Sáu, 30/05/2025'))).toBe(true);

    // The verifier is not a rubber stamp: a changed subject breaks the signature, a changed body the body hash.
    const forgedSubject = message!.raw.replace(/^Subject: .*$/m, 'Subject: =?UTF-8?B?SOG6oW4gbuG7mXAgbeG7m2k=?=');
    expect(verifyDkim(forgedSubject, publicKey).signatureValid).toBe(false);
    const lastBoundary = message!.raw.lastIndexOf('\r\n--');
    const forgedBody = `${message!.raw.slice(0, lastBoundary)}\r\nthêm một dòng${message!.raw.slice(lastBoundary)}`;
    expect(verifyDkim(forgedBody, publicKey)).toMatchObject({ bodyHashMatches: false, signatureValid: true });
    expect(verifyDkim(message!.raw, generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey)).toMatchObject({
      signatureValid: false,
    });
  });

  it('refuses a certificate it was not told to trust, and sends nothing (retried until an operator fixes it)', async () => {
    const server = await sink({ tls: { key: certificate.key, cert: certificate.cert } });
    const provider = providerFor({ SMTP_URL: server.url, SMTP_REQUIRE_TLS: 'true' });

    const error = await provider.send(reminder()).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(EmailSendError);
    expect(error).toMatchObject({ permanent: false });
    expect((error as Error).message).toMatch(/self[- ]signed|certificate/i);
    expect(server.messages).toHaveLength(0);
  });

  it('with SMTP_REQUIRE_TLS, refuses a server that offers no STARTTLS rather than send in clear text', async () => {
    const server = await sink({});
    const provider = providerFor({ SMTP_URL: server.url, SMTP_REQUIRE_TLS: 'true' });

    const error = await provider.send(reminder()).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(EmailSendError);
    expect(error).toMatchObject({ permanent: false });
    expect((error as Error).message).toMatch(/STARTTLS/i);
    expect(server.messages).toHaveLength(0);
  });
});
