/**
 * `Mailer` over nodemailer and SMTP_URL. One pooled transport per process; `send` resolves once the
 * server accepted the message and throws when it refused or could not be reached (the job that sent it
 * is retried with backoff: a mail server down for a while loses nothing).
 */
import nodemailer from 'nodemailer';
import type { Mailer } from '../deps';

/**
 * SMTP_URL as nodemailer's transport options. (Given as a string, nodemailer takes the URL alone and reads a
 * second argument as message defaults, not transport options: the pool was silently off and every mail
 * opened a connection of its own, 37 a second here against 500+ pooled.)
 */
export function smtpOptions(smtpUrl: string) {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    pool: true,
    maxConnections: 4,
    // A pooled connection is kept for many messages; the server may still close it when it likes.
    maxMessages: 1_000,
    // A server that accepts the connection and then says nothing must not hold a job forever.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
}

export function createSmtpMailer(smtpUrl: string, from: string): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(smtpOptions(smtpUrl));
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
