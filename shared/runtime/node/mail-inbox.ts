/**
 * A development inbox: an SMTP listener that keeps every message in memory and a small web page to
 * read them (ADR 005 says why not maildev). Tests use the same listener as their "real SMTP server".
 * REST, under maildev's own paths (what docker-compose.yml runs) and under /api/email as well:
 * GET /email (newest first), GET /email/:id, DELETE /email/all.
 */
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  date: string;
  messageId: string | null;
  /** Files sent with the message (the `.ics`, a report's PDF), their content in base64. */
  attachments: CaughtAttachment[];
}

export interface CaughtAttachment {
  filename: string;
  contentType: string;
  size: number;
  content: string;
}

export interface MailInbox {
  messages: CaughtMail[];
  /** Resolves with the first message (present or future) that matches. */
  waitFor(match: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  smtpPort: number;
  httpPort: number | null;
  close(): Promise<void>;
}

const MAX_KEPT = 500;

export async function startMailInbox(options: { smtpPort: number; httpPort?: number; host?: string }): Promise<MailInbox> {
  const host = options.host ?? '127.0.0.1';
  const messages: CaughtMail[] = [];
  const waiters = new Set<{ match: (m: CaughtMail) => boolean; resolve: (m: CaughtMail) => void }>();
  let seq = 0;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // Shutdown must fit the runner's drain limit; a pooled client's idle connection is dropped after this.
    closeTimeout: 2000,
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = [parsed.to].flat().flatMap((a) => (a ? a.value.map((v) => v.address ?? '') : []));
          const mail: CaughtMail = {
            id: String(++seq),
            from: parsed.from?.text ?? '',
            to,
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
            date: new Date().toISOString(),
            messageId: parsed.messageId ?? null,
            attachments: parsed.attachments.map((a, i) => ({
              filename: a.filename ?? `attachment-${i + 1}`,
              contentType: a.contentType,
              size: a.size,
              content: a.content.toString('base64'),
            })),
          };
          messages.unshift(mail);
          messages.length = Math.min(messages.length, MAX_KEPT);
          for (const waiter of waiters) {
            if (waiter.match(mail)) {
              waiters.delete(waiter);
              waiter.resolve(mail);
            }
          }
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(options.smtpPort, host, () => resolve());
  });
  const smtpPort = (smtp.server.address() as { port: number }).port;

  let web: ServerType | undefined;
  let httpPort: number | null = null;
  if (options.httpPort !== undefined) {
    const rest = new Hono()
      .get('/', (c) => c.json(messages))
      .get('/:id', (c) => {
        const mail = messages.find((m) => m.id === c.req.param('id'));
        return mail ? c.json(mail) : c.json({ error: { code: 'not_found', message: 'No such message.' } }, 404);
      })
      .delete('/all', (c) => {
        messages.length = 0;
        return c.body(null, 204);
      });
    const app = new Hono()
      .route('/email', rest)
      .route('/api/email', rest)
      .get('/messages/:id/attachments/:n', (c) => {
        const mail = messages.find((m) => m.id === c.req.param('id'));
        const file = mail?.attachments[Number(c.req.param('n'))];
        if (!file) return c.notFound();
        // Always a download: a caught attachment is never rendered as a page of this origin.
        return c.body(Buffer.from(file.content, 'base64'), 200, {
          'Content-Type': file.contentType,
          'Content-Disposition': `attachment; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`,
          'X-Content-Type-Options': 'nosniff',
        });
      })
      .get('/messages/:id', (c) => {
        const mail = messages.find((m) => m.id === c.req.param('id'));
        if (!mail) return c.notFound();
        // The message's own HTML is shown in a sandboxed frame: no scripts, no access to this page.
        return c.html(page(mail.subject, html`<p><a href="/">← Inbox</a></p>
          <dl><dt>From</dt><dd>${mail.from}</dd><dt>To</dt><dd>${mail.to.join(', ')}</dd><dt>Date</dt><dd>${mail.date}</dd>
          ${mail.attachments.length ? html`<dt>Attachments</dt><dd>${mail.attachments.map((a, n) => html`<a href="/messages/${mail.id}/attachments/${n}" download>${a.filename}</a> (${a.contentType}, ${a.size} bytes) `)}</dd>` : ''}</dl>
          ${mail.html ? html`<iframe sandbox title="message" srcdoc="${mail.html}"></iframe>` : ''}
          <h2>Plain text</h2><pre>${mail.text}</pre>`));
      })
      .get('/', (c) =>
        c.html(page('Wardline mail inbox', html`<p>${messages.length} message(s) caught on SMTP port ${smtpPort}. Nothing here leaves this machine.</p>
          <table><thead><tr><th>Date</th><th>To</th><th>Subject</th><th>Attachments</th></tr></thead><tbody>
          ${messages.map((m) => html`<tr><td>${m.date}</td><td>${m.to.join(', ')}</td><td><a href="/messages/${m.id}">${m.subject || '(no subject)'}</a></td><td>${m.attachments.map((a) => a.filename).join(', ')}</td></tr>`)}
          </tbody></table>`)),
      );
    try {
      web = await new Promise<ServerType>((resolve, reject) => {
        const server = serve({ fetch: app.fetch, port: options.httpPort!, hostname: host }, () => resolve(server));
        server.once('error', reject);
      });
    } catch (err) {
      // A busy web port: fail the start like a busy SMTP port does, and free the SMTP port again.
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      throw err;
    }
    httpPort = (web.address() as { port: number }).port;
  }

  return {
    messages,
    smtpPort,
    httpPort,
    waitFor(match, timeoutMs = 10_000) {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve: (m: CaughtMail) => (clearTimeout(timer), resolve(m)) };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching mail within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    async close() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      if (web) await new Promise<void>((resolve) => web!.close(() => resolve()));
    },
  };
}

function page(title: string, content: unknown) {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <style>${raw('body{font:15px system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1f2933}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #e4e7eb}iframe{width:100%;height:60vh;border:1px solid #cbd2d9}dt{font-weight:600}')}</style>
  </head><body><h1>${title}</h1>${content}</body></html>`;
}
