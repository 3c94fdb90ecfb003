/**
 * The one small template module every email goes through: values are escaped unless marked safe, every
 * mail has an HTML and a plain-text part with the same words, the hospital's name, and times in the
 * hospital's zone with the zone named. Links point into the web app (the first WEB_ORIGIN).
 */
import type { Config } from '../config';

/** HTML that is already safe (built by `html` or `raw`): it is not escaped again. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/** Marks trusted markup (our own constants) as safe. Never pass user input. */
export const raw = (markup: string) => new SafeHtml(markup);

type Part = SafeHtml | string | number | null | undefined | Part[];

function renderPart(part: Part): string {
  if (Array.isArray(part)) return part.map(renderPart).join('');
  if (part instanceof SafeHtml) return part.value;
  return escapeHtml(part);
}

/** `html\`<p>${name}</p>\``: every interpolation escaped, arrays joined, SafeHtml kept as it is. */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += renderPart(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/** "Tuesday 1 December 2026, 09:30 (Europe/London)": an instant in the hospital's zone, the zone named. */
export function formatInZone(instant: string | Date, timeZone: string, options: { withZone?: boolean } = {}): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  // en-GB writes "Tuesday 1 December 2026 at 09:30"; a comma reads better in a sentence.
  const tidy = text.replace(' at ', ', ');
  return options.withZone === false ? tidy : `${tidy} (${timeZone})`;
}

/** A link into the web app. */
export function webLink(config: Pick<Config, 'webOrigins'>, path: string): string {
  return `${config.webOrigins[0]}${path.startsWith('/') ? path : `/${path}`}`;
}

export interface EmailContent {
  subject: string;
  /** First line of the mail, in large type. */
  heading: string;
  /** Paragraphs: plain strings (escaped) or SafeHtml with their own text given in `textParagraphs`. */
  paragraphs: string[];
  /** Extra HTML after the paragraphs (a table, a chart); its plain-text counterpart is `extraText`. */
  extraHtml?: SafeHtml;
  extraText?: string;
  /** A button into the web app. */
  action?: { label: string; path: string };
}

/** The finished subject, HTML and plain text of one email (the caller adds `to` and attachments). */
export function renderEmail(config: Pick<Config, 'hospitalName' | 'webOrigins'>, content: EmailContent): { subject: string; html: string; text: string } {
  const link = content.action ? webLink(config, content.action.path) : undefined;
  const body = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${content.subject}</title></head>
<body style="margin:0;padding:0;background:#f4f6f8;font-family:Arial,Helvetica,sans-serif;color:#1f2933">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f6f8"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:8px">
<tr><td style="padding:20px 28px;background:#0b5394;color:#ffffff;font-size:18px;font-weight:bold;border-radius:8px 8px 0 0">${config.hospitalName}</td></tr>
<tr><td style="padding:28px">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3">${content.heading}</h1>
${content.paragraphs.map((p) => html`<p style="margin:0 0 14px;font-size:16px;line-height:1.5">${p}</p>`)}
${content.extraHtml ?? ''}
${link ? html`<p style="margin:24px 0 0"><a href="${link}" style="display:inline-block;padding:12px 20px;background:#0b5394;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold">${content.action!.label}</a></p>` : ''}
</td></tr>
<tr><td style="padding:16px 28px;font-size:12px;color:#52606d;border-top:1px solid #e4e7eb">${config.hospitalName} · This message was sent by Wardline. Please do not reply to it.</td></tr>
</table></td></tr></table></body></html>`;
  const text = [
    config.hospitalName,
    '',
    content.heading,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.extraText ? [content.extraText, ''] : []),
    ...(link ? [`${content.action!.label}: ${link}`, ''] : []),
    `-- \n${config.hospitalName}. This message was sent by Wardline. Please do not reply to it.`,
  ].join('\n');
  return { subject: `${content.subject} · ${config.hospitalName}`, html: body.value, text };
}
