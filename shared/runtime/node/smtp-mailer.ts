/**
 * `Mailer` over nodemailer and SMTP_URL. One pooled transport per process; `send` resolves once the
 * server accepted the message and throws when it refused or could not be reached (the job that sent it
 * is retried with backoff: a mail server down for a while loses nothing).
 */
import nodemailer from 'nodemailer';
import type { Mailer } from '../deps';

export function createSmtpMailer(smtpUrl: string, from: string): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(smtpUrl, {
    pool: true,
    maxConnections: 4,
    // A server that accepts the connection and then says nothing must not hold a job forever.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as object);
  return {
    async send(message) {
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: message.messageId,
        attachments: message.attachments?.map((a) => ({
          filename: a.filename,
          content: typeof a.content === 'string' ? a.content : Buffer.from(a.content),
          contentType: a.contentType,
        })),
      });
    },
    close: () => transport.close(),
  };
}
