/**
 * A patient's export of their own record (API.md "Patient", ADR 027): its status as the patient polls it,
 * and the download's query. Pure valibot.
 */
import * as v from 'valibot';
import { PageQuery } from './lists';

export const EXPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export const EXPORT_FORMATS = ['csv', 'fhir'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const PatientExport = v.object({
  id: v.string(),
  status: v.picklist(EXPORT_STATUSES),
  createdAt: v.string(),
  finishedAt: v.nullable(v.string()),
  /** When the files stop being downloadable (410 after); null until done. */
  expiresAt: v.nullable(v.string()),
  /** Visits written so far, of `total` (null until the worker has counted them). */
  progress: v.number(),
  total: v.nullable(v.number()),
});
export type PatientExport = v.InferOutput<typeof PatientExport>;

/** POST /api/patient/exports takes no fields: a body that sends any is refused (no mass assignment). */
export const CreateExportInput = v.object({});

/** The answer of POST /api/patient/exports. */
export const QueuedExport = v.object({ id: v.string(), status: v.literal('queued') });
export type QueuedExport = v.InferOutput<typeof QueuedExport>;

export const ExportListQuery = v.object({ ...PageQuery });

export const ExportDownloadQuery = v.object({
  format: v.pipe(v.string('must be csv or fhir'), v.picklist(EXPORT_FORMATS, 'must be csv or fhir')),
});
