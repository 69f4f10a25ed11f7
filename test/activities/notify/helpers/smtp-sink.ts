import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMessage {
  envelopeFrom: string;
  envelopeTo: string[];
  raw: string;
  messageId: string | undefined;
  /** Whether the session was encrypted when the message came (after STARTTLS, or TLS from the first byte). */
  secure: boolean;
  /** The TLS version of the session (`TLSv1.3`), when encrypted. */
  tlsVersion: string | undefined;
}

export interface SmtpSinkOptions {
  /** Refuse a recipient (return an error with `responseCode`), e.g. 550 for a mailbox that does not exist. */
  rejectRecipient?: (address: string) => { code: number; message: string } | undefined;
  /** Refuse the message after DATA (e.g. 451 temporary failure). */
  rejectData?: (raw: string) => { code: number; message: string } | undefined;
  /** Called when DATA starts; used by the crash tests to kill the sender mid-message. */
  onDataStart?: (session: SMTPServerSession) => void;
  /**
   * Awaited after the final dot, before the server queues the message and answers 250. A client that disconnected
   * meanwhile gets nothing queued: the server never acknowledged, so the sender rightly sends again.
   */
  beforeAccept?: (session: SMTPServerSession) => Promise<void>;
  /**
   * Serve TLS with this key and certificate: STARTTLS offered on a plain connection, or, with `implicit`, TLS from
   * the first byte (smtps). Without it the server speaks clear text only.
   */
  tls?: { key: string; cert: string; implicit?: boolean };
  /** Listen on this port (a server coming back on the port it had); ephemeral otherwise. */
  port?: number;
  /** On close, how long open connections may finish before they get 421 and are cut (smtp-server's 30 s default). */
  closeTimeoutMs?: number;
}

export interface SmtpSink {
  port: number;
  url: string;
  messages: ReceivedMessage[];
  /** Connections ever opened: a pool keeps this far below the message count. */
  connections: number;
  waitForMessages(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function failure(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/** A real SMTP server (smtp-server) on 127.0.0.1, keeping every accepted message raw. */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ReceivedMessage[] = [];
  let connections = 0;
  const closed = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: options.tls ? ['AUTH'] : ['STARTTLS', 'AUTH'],
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert, secure: options.tls.implicit ?? false } : {}),
    logger: false,
    size: 10 * 1024 * 1024,
    ...(options.closeTimeoutMs !== undefined ? { closeTimeout: options.closeTimeoutMs } : {}),
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onClose(session) {
      closed.add(session.id);
    },
    onRcptTo(address, _session, callback) {
      const refusal = options.rejectRecipient?.(address.address);
      callback(refusal ? failure(refusal.code, refusal.message) : undefined);
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      options.onDataStart?.(session);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        void accept();
      });
      const accept = async () => {
        await options.beforeAccept?.(session);
        if (closed.has(session.id)) return callback(failure(421, 'client went away before acceptance'));
        if (stream.sizeExceeded) return callback(failure(552, 'too big'));
        const raw = Buffer.concat(chunks).toString('utf8');
        const refusal = options.rejectData?.(raw);
        if (refusal) return callback(failure(refusal.code, refusal.message));
        const mailFrom = session.envelope.mailFrom;
        messages.push({
          envelopeFrom: mailFrom ? mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
          messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1],
          secure: session.secure,
          tlsVersion: session.tlsOptions ? session.tlsOptions.version : undefined,
        });
        callback(null, `Ok: queued as Q${messages.length}`);
      };
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    url: `${options.tls?.implicit ? 'smtps' : 'smtp'}://127.0.0.1:${port}`,
    messages,
    get connections() {
      return connections;
    },
    async waitForMessages(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${messages.length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
