import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** An SMTP reply the sink gives instead of accepting, e.g. `{ code: 450, message: 'mailbox busy' }`. */
export interface SmtpReply {
  code: number;
  message: string;
}

/** A message the sink accepted, raw as received over TCP. */
export interface ReceivedMessage {
  from: string;
  to: string[];
  raw: Buffer;
  queueId: string;
  parse(): Promise<ParsedMail>;
}

/** Options of {@link startSmtpSink}. */
export interface SmtpSinkOptions {
  /** Decides per recipient; return a reply to reject it at RCPT TO, or null to accept. */
  onRecipient?: (address: string, attempt: number) => SmtpReply | null;
  /** Credentials to require (AUTH PLAIN/LOGIN); unset: no authentication. */
  auth?: { user: string; pass: string };
  /** Keep message bodies (default true); the benchmark keeps only counts. */
  keep?: boolean;
  /** Wait this long before answering 250 to each message (a slow server). */
  delayMs?: number;
  /** Awaited before answering 250 to each message: lets a test hold a sender mid-send until it says so. */
  beforeAccept?: () => Promise<void>;
}

/** A running sink. */
export interface SmtpSink {
  port: number;
  url: string;
  messages: ReceivedMessage[];
  /** Accepted messages per recipient address. */
  countFor(address: string): number;
  accepted: number;
  /** Connection-level errors (peer resets), recorded rather than thrown. */
  connectionErrors: Error[];
  /** RCPT attempts per address, including rejected ones. */
  attempts: Map<string, number>;
  /** Resolves once `n` messages have been accepted. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real SMTP server (the `smtp-server` package) on a loopback port: senders
 * talk the actual protocol over TCP. It can reject chosen recipients with any
 * 4xx/5xx, answer 250 with a queue id, and require AUTH.
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ReceivedMessage[] = [];
  const perAddress = new Map<string, number>();
  const attempts = new Map<string, number>();
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  let accepted = 0;
  let nextId = 1;
  const server = new SMTPServer({
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    size: 10 * 1024 * 1024,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass)
        callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      const email = address.address.toLowerCase();
      const attempt = (attempts.get(email) ?? 0) + 1;
      attempts.set(email, attempt);
      const reply = options.onRecipient?.(email, attempt);
      if (reply) callback(Object.assign(new Error(reply.message), { responseCode: reply.code }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => options.keep !== false && chunks.push(chunk));
      stream.on('error', (error: Error) => connectionErrors.push(error));
      stream.on('end', () => {
        const accept = () => {
          const queueId = `Q${nextId++}`;
          const raw = Buffer.concat(chunks);
          const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          if (options.keep !== false) {
            messages.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to,
              raw,
              queueId,
              parse: () => simpleParser(raw),
            });
          }
          for (const address of to) perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
          accepted++;
          for (const w of waiters.filter((w) => accepted >= w.n)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve();
          }
          callback(null, `Message queued as ${queueId}`);
        };
        const answer = () => (options.delayMs ? setTimeout(accept, options.delayMs) : accept());
        if (options.beforeAccept) void options.beforeAccept().then(answer);
        else answer();
      });
    },
  });
  // A client killed mid-conversation (the crash test SIGKILLs its sender) resets its
  // connection; smtp-server reports that as an 'error' event, which must not be left unhandled.
  const connectionErrors: Error[] = [];
  server.on('error', (error) => connectionErrors.push(error));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const auth = options.auth
    ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@`
    : '';
  return {
    port,
    url: `smtp://${auth}127.0.0.1:${port}`,
    messages,
    attempts,
    connectionErrors,
    get accepted() {
      return accepted;
    },
    countFor: (address) => perAddress.get(address.toLowerCase()) ?? 0,
    waitFor(n, timeoutMs = 60_000) {
      if (accepted >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`SMTP sink: ${accepted} of ${n} messages after ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
