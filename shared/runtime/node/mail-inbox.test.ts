import { createServer } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startMailInbox, type CaughtMail, type MailInbox } from './mail-inbox';
import { freePort } from '../../../tests/support/net';

let inbox: MailInbox;
let transport: Transporter;

beforeAll(async () => {
  inbox = await startMailInbox({ smtpPort: 0, httpPort: 0 });
  transport = nodemailer.createTransport({ host: '127.0.0.1', port: inbox.smtpPort, secure: false, ignoreTLS: true });
});

afterAll(async () => {
  transport?.close();
  await inbox?.close();
});

const web = (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${inbox.httpPort}${path}`, init);
let n = 0;
const unique = () => `${Date.now()}-${++n}`;

describe('the development mail inbox', () => {
  test('it listens on the ports the system chose when asked for port 0', () => {
    expect(inbox.smtpPort).toBeGreaterThan(0);
    expect(inbox.httpPort).toBeGreaterThan(0);
    expect(inbox.httpPort).not.toBe(inbox.smtpPort);
  });

  test('a message sent over SMTP with nodemailer is caught, and waitFor finds it', async () => {
    const tag = unique();
    const waiting = inbox.waitFor((m) => m.subject === `Your appointment ${tag}`);
    await transport.sendMail({
      from: 'Wardline <no-reply@wardline.local>',
      to: ['patient@example.org', 'Second Person <second@example.org>'],
      subject: `Your appointment ${tag}`,
      text: 'See you on Tuesday at 09:30.',
      html: '<p>See you on <b>Tuesday</b> at 09:30.</p>',
    });
    const mail = await waiting;
    expect(mail.from).toMatch(/^"?Wardline"? <no-reply@wardline\.local>$/);
    expect(mail).toMatchObject({
      to: ['patient@example.org', 'second@example.org'],
      subject: `Your appointment ${tag}`,
    });
    expect(mail.html?.trim()).toBe('<p>See you on <b>Tuesday</b> at 09:30.</p>');
    expect(mail.text.trim()).toBe('See you on Tuesday at 09:30.');
    expect(new Date(mail.date).toISOString()).toBe(mail.date);
    // Already caught: waitFor answers at once.
    expect(await inbox.waitFor((m) => m.id === mail.id, 10)).toBe(mail);
  });

  test('waitFor gives up after its timeout when nothing matches', async () => {
    await expect(inbox.waitFor((m) => m.subject === 'never sent', 50)).rejects.toThrow(/no matching mail within 50 ms/);
  });

  test('GET /api/email lists the messages newest first, and /api/email/:id answers one', async () => {
    const [first, second] = [unique(), unique()];
    await transport.sendMail({ from: 'a@example.org', to: 'b@example.org', subject: first, text: 'one' });
    await transport.sendMail({ from: 'a@example.org', to: 'b@example.org', subject: second, text: 'two' });
    const res = await web('/api/email');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const list = (await res.json()) as CaughtMail[];
    const subjects = list.map((m) => m.subject);
    expect(subjects.indexOf(second)).toBeLessThan(subjects.indexOf(first));
    expect(subjects.indexOf(first)).toBeGreaterThanOrEqual(0);

    const one = list.find((m) => m.subject === first)!;
    const single = await web(`/api/email/${one.id}`);
    expect(single.status).toBe(200);
    expect(((await single.json()) as CaughtMail).subject).toBe(first);
    const missing = await web('/api/email/does-not-exist');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'No such message.' } });
  });

  test('the HTML page lists a message and escapes HTML in its subject', async () => {
    const tag = unique();
    const subject = `<script>alert("x")</script> & <b>${tag}</b>`;
    await transport.sendMail({ from: 'a@example.org', to: 'c@example.org', subject, text: '<img src=x onerror=alert(1)>' });
    const mail = await inbox.waitFor((m) => m.subject === subject);

    const page = await web('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const body = await page.text();
    expect(body).toContain(`&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;${tag}&lt;/b&gt;`);
    expect(body).not.toContain('<script>alert');
    expect(body).toContain(`href="/messages/${mail.id}"`);
    expect(body).toMatch(new RegExp(`\\d+ message\\(s\\) caught on SMTP port ${inbox.smtpPort}`));

    const detail = await web(`/messages/${mail.id}`);
    expect(detail.status).toBe(200);
    const text = await detail.text();
    expect(text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(text).not.toContain('<script>alert');
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(text).not.toContain('<img src=x');
  });

  test('a message body in HTML is shown in a sandboxed frame, escaped into srcdoc', async () => {
    const tag = unique();
    await transport.sendMail({ from: 'a@example.org', to: 'd@example.org', subject: tag, html: '<p onclick="steal()">Hi "you"</p>' });
    const mail = await inbox.waitFor((m) => m.subject === tag);
    const text = await (await web(`/messages/${mail.id}`)).text();
    expect(text).toMatch(/<iframe sandbox title="message" srcdoc="&lt;p onclick=&quot;steal\(\)&quot;&gt;Hi &quot;you&quot;&lt;\/p&gt;\s*"><\/iframe>/);
    expect(text).not.toContain('<p onclick');
  });

  test('DELETE /api/email/all empties the inbox', async () => {
    await transport.sendMail({ from: 'a@example.org', to: 'e@example.org', subject: unique(), text: 'x' });
    expect(inbox.messages.length).toBeGreaterThan(0);
    expect((await web('/api/email/all', { method: 'DELETE' })).status).toBe(204);
    expect(await (await web('/api/email')).json()).toEqual([]);
  });

  test("maildev's REST paths answer the same (GET /email, GET /email/:id, DELETE /email/all), so scripts work with the compose catcher too", async () => {
    const tag = unique();
    await transport.sendMail({ from: 'a@example.org', to: 'g@example.org', subject: tag, text: 'for maildev paths' });
    const mail = await inbox.waitFor((m) => m.subject === tag);

    const list = await web('/email');
    expect(list.status).toBe(200);
    expect(list.headers.get('content-type')).toMatch(/application\/json/);
    const listed = (await list.json()) as CaughtMail[];
    expect(listed).toEqual(await (await web('/api/email')).json());
    expect(listed.map((m) => m.subject)).toContain(tag);

    const one = await web(`/email/${mail.id}`);
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ id: mail.id, subject: tag, to: ['g@example.org'] });
    expect((await web('/email/does-not-exist')).status).toBe(404);

    expect((await web('/email/all', { method: 'DELETE' })).status).toBe(204);
    expect(await (await web('/email')).json()).toEqual([]);
  });

  test('an inbox started without an HTTP port has only SMTP', async () => {
    const smtpOnly = await startMailInbox({ smtpPort: 0 });
    try {
      expect(smtpOnly.httpPort).toBeNull();
      const t = nodemailer.createTransport({ host: '127.0.0.1', port: smtpOnly.smtpPort, secure: false, ignoreTLS: true });
      await t.sendMail({ from: 'a@example.org', to: 'f@example.org', subject: 'smtp only', text: 'x' });
      t.close();
      expect((await smtpOnly.waitFor((m) => m.subject === 'smtp only')).to).toEqual(['f@example.org']);
    } finally {
      await smtpOnly.close();
    }
  });

  test('a busy port makes startMailInbox fail, and it leaves nothing listening behind', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const busyPort = (busy.address() as { port: number }).port;
    try {
      // Both ports matter: the runner catches this error and carries on without an inbox.
      await expect(startMailInbox({ smtpPort: busyPort, httpPort: 0 })).rejects.toMatchObject({ code: 'EADDRINUSE' });
      const freeSmtp = await freePort();
      await expect(startMailInbox({ smtpPort: freeSmtp, httpPort: busyPort })).rejects.toMatchObject({ code: 'EADDRINUSE' });
      // The SMTP listener of the failed start was closed again: the port is free for the next try.
      const again = await startMailInbox({ smtpPort: freeSmtp });
      await again.close();
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });
});

