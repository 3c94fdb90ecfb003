/**
 * Ids are made by the application (ADR 002): UUIDv7, so they sort by creation time and keep index
 * pages warm, work the same on SQLite, PostgreSQL and D1, and reveal nothing guessable.
 */
import { uuidv7 } from 'uuidv7';

export function newId(): string {
  return uuidv7();
}
