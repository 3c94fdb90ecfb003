/**
 * A real SMTP listener for the chaos tests, with a temper: it can refuse the first messages with 451 (a
 * server that is busy for a while) or hold the first message's DATA without ever answering (a slow server,
 * so a kill lands while the sender waits for acceptance). It counts only what it accepted: a message it
 * held or refused was never delivered, as far as the sender or anyone else can know.
 */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface AcceptedMail {
  messageId: string | null;
  to: string[];
  subject: string;
  at: number;
}

export interface SmtpListener {
  port: number;
  /** Messages accepted (250), oldest first. */
  accepted: AcceptedMail[];
  /** Messages refused with 451, and messages held unanswered. */
  refused: number;
  held: number;
  /** Resolves when the first message is being held. */
  firstHeld: Promise<void>;
  close(): Promise<void>;
}

export async function startSmtpListener(options: { refuseFirst?: number; holdFirst?: boolean } = {}): Promise<SmtpListener> {
  let seen = 0;
  let onHeld!: () => void;
  const state: SmtpListener = {
    port: 0,
    accepted: [],
    refused: 0,
    held: 0,
    firstHeld: new Promise<void>((r) => (onHeld = r)),
    close: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    closeTimeout: 200,
    logger: false,
    onData(stream, _session, callback) {
      const n = ++seen;
      simpleParser(stream)
        .then((parsed) => {
          if (options.holdFirst && n === 1) {
            // Never answered: the sender waits for acceptance until it dies or its socket times out.
            state.held++;
            onHeld();
            return;
          }
          if (n <= (options.refuseFirst ?? 0)) {
            state.refused++;
            const err = new Error('Try again later: the mail system is busy') as Error & { responseCode: number };
            err.responseCode = 451;
            callback(err);
            return;
          }
          const to = [parsed.to].flat().flatMap((a) => (a ? a.value.map((v) => v.address ?? '') : []));
          state.accepted.push({ messageId: parsed.messageId ?? null, to, subject: parsed.subject ?? '', at: Date.now() });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  state.port = (server.server.address() as { port: number }).port;
  state.close = () => new Promise<void>((done) => server.close(() => done()));
  return state;
}
