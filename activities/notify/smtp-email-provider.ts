import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import type { Logger } from '../../runtime/logger';
import { EmailSendError, type EmailAcceptance, type EmailProvider, type OutgoingEmail } from './email-provider';
import { KeyedRateLimiter } from './keyed-rate-limiter';
import { toNodemailerMessage } from './nodemailer-message';

export interface SmtpOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (TLS from the first byte). */
  url: string;
  /** Connections the pool keeps open. */
  poolMax: number;
  /** Messages per second per plan; 0 for none. */
  ratePerPlan: number;
  /** Refuse to send in clear text: STARTTLS must succeed. */
  requireTls: boolean;
  /** PEM of a private CA for the server's certificate; the system roots otherwise. */
  tlsCa?: string | undefined;
  /** DKIM signing, done here so it works with any relay. */
  dkim?: { domainName: string; keySelector: string; privateKeyPath: string } | undefined;
  /** Per-message socket timeout. */
  timeoutMs?: number;
  log: Logger;
}

/** SMTP reply codes and nodemailer error codes that no retry of the same message can fix. */
function isPermanent(error: { responseCode?: number; code?: string; command?: string }): boolean {
  if (error.code === 'EENVELOPE' && !error.responseCode) return true; // no valid recipient at all
  const reply = error.responseCode ?? 0;
  // 5xx to RCPT TO: the mailbox does not exist or is refused. 5xx to DATA: the message itself is refused. A 5xx to
  // MAIL FROM or AUTH is our configuration, not the recipient: retried until an operator fixes it.
  return reply >= 500 && reply < 600 && /^(RCPT|DATA|MESSAGE)/i.test(error.command ?? 'RCPT');
}

/**
 * Email over SMTP with a nodemailer connection pool: connections are reused across messages (a burst does not open
 * one connection per reminder), TLS per the URL and `requireTls`, optional DKIM, and a rate limit per plan.
 */
export function createSmtpEmailProvider(options: SmtpOptions): EmailProvider {
  const url = new URL(options.url);
  const transport = nodemailer.createTransport({
    pool: true,
    host: url.hostname,
    port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587),
    secure: url.protocol === 'smtps:',
    requireTLS: options.requireTls,
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    maxConnections: options.poolMax,
    maxMessages: 1000,
    connectionTimeout: options.timeoutMs ?? 30_000,
    greetingTimeout: options.timeoutMs ?? 30_000,
    socketTimeout: options.timeoutMs ?? 60_000,
    tls: { minVersion: 'TLSv1.2', ...(options.tlsCa ? { ca: options.tlsCa } : {}) },
    ...(options.dkim
      ? {
          dkim: {
            domainName: options.dkim.domainName,
            keySelector: options.dkim.keySelector,
            privateKey: readFileSync(options.dkim.privateKeyPath, 'utf8'),
          },
        }
      : {}),
  });
  const limiter = new KeyedRateLimiter(options.ratePerPlan, Math.max(1, options.poolMax));
  return {
    description: `SMTP ${url.protocol}//${url.hostname}:${url.port || (url.protocol === 'smtps:' ? 465 : 587)}`,
    async send(email: OutgoingEmail): Promise<EmailAcceptance> {
      await limiter.acquire(email.planCode);
      try {
        const info = await transport.sendMail(toNodemailerMessage(email));
        if (info.rejected.length > 0) {
          throw new EmailSendError(`máy chủ thư từ chối người nhận ${email.to.address}`, true, null);
        }
        // "250 2.0.0 Ok: queued as 4F2A1C": the queue id lets an operator find the message in the relay's log.
        const queued = /queued as ([\w.-]+)/i.exec(info.response)?.[1];
        return { providerMessageId: queued ?? info.messageId };
      } catch (error) {
        if (error instanceof EmailSendError) throw error;
        const detail = error as { responseCode?: number; code?: string; command?: string; response?: string };
        const code = detail.responseCode ? String(detail.responseCode) : (detail.code ?? null);
        const text = detail.response ?? (error instanceof Error ? error.message : String(error));
        // The command tells an operator where it failed: STARTTLS refused, AUTH refused, or the recipient.
        const at = detail.command ? ` ở lệnh ${detail.command}` : '';
        throw new EmailSendError(
          `gửi thư qua SMTP không thành công (${code ?? 'lỗi'}${at}: ${text})`,
          isPermanent(detail),
          code,
          {
            cause: error,
          },
        );
      }
    },
    close: () => {
      transport.close();
      return Promise.resolve();
    },
  };
}
