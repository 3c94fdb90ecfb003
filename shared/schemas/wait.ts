/**
 * A wait in words a person reads, for the API's 429 message and the web app's forms alike:
 * "45 seconds", "about 15 minutes", "about an hour", "about 3 hours". Minutes are rounded up, so
 * nobody is told to come back before they may. No I/O: the web app imports it too.
 */
export function formatWait(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `${s} ${s === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.ceil(s / 60);
  if (minutes < 60) return `about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  const hours = Math.max(1, Math.round(s / 3600));
  return hours === 1 ? 'about an hour' : `about ${hours} hours`;
}
