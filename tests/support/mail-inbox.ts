/** The development mail inbox (ADR 005) as the end-to-end tests read it: its REST list of caught messages. */

export interface CaughtMail {
  to: string[];
  subject: string;
  text: string;
  date: string;
}

/** The newest message to `to` whose text holds `marker`, waiting for the outbox to send it. */
export async function mailTo(inbox: string, to: string, marker: string, after = ''): Promise<CaughtMail> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const res = await fetch(`${inbox}/email`);
    const messages = (await res.json()) as CaughtMail[];
    const found = messages.filter((m) => m.to.includes(to) && m.text.includes(marker) && m.date > after).at(-1);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`no mail to ${to} containing ${marker} within 30 s`);
}
