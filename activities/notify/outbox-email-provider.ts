import type { Readable } from 'node:stream';
import nodemailer from 'nodemailer';
import type { EmailAcceptance, EmailProvider, OutgoingEmail } from './email-provider';
import { toNodemailerMessage } from './nodemailer-message';
import { storeInOutbox } from './outbox-store';

/**
 * The embedded default when no SMTP_URL is set: every message is built exactly as for SMTP (nodemailer's stream
 * transport, the same MIME) and stored in the outbox folder (DATA_DIR/outbox), which `GET /outbox` lists, so a new
 * user sees what units would receive without a mail server.
 */
export function createOutboxEmailProvider(dir: string, now: () => number = () => Date.now()): EmailProvider {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    description: `hộp thư đi nhúng ${dir}`,
    async send(email: OutgoingEmail): Promise<EmailAcceptance> {
      const info = await transport.sendMail(toNodemailerMessage(email));
      const raw = Buffer.isBuffer(info.message) ? info.message : Buffer.from(await streamToString(info.message));
      const { name } = await storeInOutbox(
        dir,
        {
          messageId: email.messageId,
          to: `${email.to.name} <${email.to.address}>`,
          subject: email.subject,
          planCode: email.planCode,
          kind: email.kind,
          storedAt: new Date(now()).toISOString(),
        },
        raw,
        email.html,
      );
      return { providerMessageId: `outbox:${name}` };
    },
    close: () => Promise.resolve(),
  };
}

async function streamToString(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
