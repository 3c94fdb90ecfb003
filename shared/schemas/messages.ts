/**
 * Field messages that never repeat what was submitted. Valibot's default messages end in
 * "Received <value>", which would echo a password or a diagnosis back into logs and screens, so every
 * parse passes `{ message: fieldMessage }` (server and web alike) and schemas may still set their own.
 */
import type { BaseIssue } from 'valibot';

export function fieldMessage(issue: BaseIssue<unknown>): string {
  const requirement = (issue as { requirement?: unknown }).requirement;
  if (issue.kind === 'schema' && issue.input === undefined) return 'is required';
  switch (issue.type) {
    case 'string':
      return 'must be text';
    case 'number':
      return 'must be a number';
    case 'boolean':
      return 'must be true or false';
    case 'strict_object':
      // An unknown key of a strict object (its `expected` is "never"): named by its path, refused by name.
      return issue.expected === 'never' ? 'is not a field that can be sent here' : 'must be an object';
    case 'object':
    case 'loose_object':
      return 'must be an object';
    case 'array':
      return 'must be a list';
    case 'email':
      return 'must be an email address';
    case 'min_length':
    case 'non_empty':
      return requirement === 1 || requirement === undefined ? 'must not be empty' : `must be at least ${String(requirement)} characters`;
    case 'max_length':
      return `must be at most ${String(requirement)} characters`;
    case 'min_value':
      return `must be at least ${String(requirement)}`;
    case 'max_value':
      return `must be at most ${String(requirement)}`;
    case 'integer':
      return 'must be a whole number';
    case 'picklist':
    case 'enum':
      return `must be one of ${issue.expected ?? 'the allowed values'}`;
    case 'iso_date':
      return 'must be a date as YYYY-MM-DD';
    case 'iso_timestamp':
      return 'must be an ISO-8601 time such as 2026-12-01T09:30:00.000Z';
    default:
      return 'is not valid';
  }
}
