import { describe, expect, test } from 'vitest';
import { startMailInbox } from './mail-inbox';
import { createSmtpMailer, smtpOptions } from './smtp-mailer';

describe('the SMTP mailer', () => {
  test('SMTP_URL becomes pooled transport options, with its credentials decoded and the port by scheme', () => {
    expect(smtpOptions('smtp://127.0.0.1:1025')).toMatchObject({ host: '127.0.0.1', port: 1025, secure: false, pool: true, auth: undefined });
    expect(smtpOptions('smtps://mailer%40hospital:p%3Ass@mail.example.org')).toMatchObject({
      host: 'mail.example.org',
      port: 465,
      secure: true,
      pool: true,
      auth: { user: 'mailer@hospital', pass: 'p:ss' },
    });
    expect(smtpOptions('smtp://mail.example.org').port).toBe(587);
  });

  test('many mails reuse a few connections instead of opening one each', async () => {
    const inbox = await startMailInbox({ smtpPort: 0 });
    // Counted at the client: every connection nodemailer opens goes through Socket#connect.
    let connections = 0;
    const mailer = createSmtpMailer(`smtp://127.0.0.1:${inbox.smtpPort}`, 'Wardline <no-reply@wardline.local>');
    const net = await import('node:net');
    const original = net.Socket.prototype.connect;
    net.Socket.prototype.connect = function (this: unknown, ...args: unknown[]) {
      connections++;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      await Promise.all(Array.from({ length: 20 }, (_, i) => mailer.send({ to: `p${i}@example.org`, subject: `s${i}`, text: 't', html: '<p>h</p>' })));
    } finally {
      net.Socket.prototype.connect = original;
      mailer.close();
      await inbox.close();
    }
    expect(inbox.messages).toHaveLength(20);
    expect(connections).toBeLessThanOrEqual(4);
  });
});
