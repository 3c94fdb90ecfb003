/** Recognises a unique-index violation on SQLite (better-sqlite3), D1 and PostgreSQL alike. */
export function isUniqueViolation(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
  return /UNIQUE constraint failed/i.test(err.message);
}

/**
 * The database cannot be reached or cannot take the request now (PostgreSQL down or restarting, the
 * connection dropped, SQLite locked past its busy timeout): 503, not a bug.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    // PostgreSQL: class 08 (connection exception), 57P01-57P03 (shutdown, cannot connect now); sockets.
    if (/^08\w{3}$|^57P0[123]$|^53300$/.test(code)) return true;
    // Failures to open a connection: only an outgoing connection (to the database) can fail this way,
    // never a client's request. (ECONNRESET is not here: Node gives it to a client's aborted body too.)
    if (/^(ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH)$/.test(code)) return true;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return true;
  }
  return /Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down)/i.test(err.message);
}
