/** The audit trail as admins read it (API.md "Admin": `/api/admin/audit`, `/api/admin/audit/verify`). Pure. */
import * as v from 'valibot';
import { CalendarDate } from './dates';
import { ListOf, PageQuery } from './lists';

/** What walking the hash chain found (ADR 023). */
export const AuditVerifyResult = v.object({
  ok: v.boolean(),
  /** Sealed rows checked, up to the first broken one. */
  checked: v.number(),
  /** The first row whose place or hash is wrong (absent when ok, or when only a cut-off tail is wrong). */
  firstBrokenId: v.optional(v.string()),
  /** Its place in the chain, or where rows are missing when the chain ends short of its head. */
  firstBrokenSeq: v.optional(v.number()),
});
export type AuditVerifyResult = v.InferOutput<typeof AuditVerifyResult>;

export const AUDIT_OUTCOME_PATTERN = /^[a-z_]{1,40}$/;
const Id = v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(100, 'must be at most 100 characters'));
const Word = v.pipe(v.string(), v.regex(AUDIT_OUTCOME_PATTERN, 'must be lower-case letters and _ (at most 40)'));

export const AuditListQuery = v.pipe(
  v.object({
    actorId: v.optional(Id),
    patientId: v.optional(Id),
    action: v.optional(Word),
    outcome: v.optional(Word),
    /** Calendar dates in the hospital's zone, both included. */
    from: v.optional(CalendarDate),
    to: v.optional(CalendarDate),
    ...PageQuery,
  }),
  v.forward(
    v.check((q) => !q.from || !q.to || q.from <= q.to, 'must not be before from'),
    ['to'],
  ),
);
export type AuditListQuery = v.InferOutput<typeof AuditListQuery>;

export const AuditRecord = v.object({
  id: v.string(),
  /** The row's place in the hash chain; null until sealed. */
  seq: v.nullable(v.number()),
  at: v.string(),
  actorId: v.nullable(v.string()),
  actorName: v.nullable(v.string()),
  actorRole: v.nullable(v.string()),
  action: v.string(),
  entity: v.string(),
  entityId: v.nullable(v.string()),
  patientId: v.nullable(v.string()),
  ip: v.nullable(v.string()),
  userAgent: v.nullable(v.string()),
  outcome: v.string(),
});
export type AuditRecord = v.InferOutput<typeof AuditRecord>;
export const AuditList = ListOf(AuditRecord);
