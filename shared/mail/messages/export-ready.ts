/**
 * The "your export is ready" email (kind `export_ready`, subject the export id). It says only that the
 * files are ready and until when: never anything clinical (the files are behind the sign-in).
 */
import type { Config } from '../../config';
import { formatInZone, renderEmail } from '../template';

/** The web app's page of one export, where the patient downloads the files. */
export const exportPagePath = (exportId: string) => `/patient/exports/${encodeURIComponent(exportId)}`;

export function exportReadyEmail(
  config: Pick<Config, 'hospitalName' | 'webOrigins' | 'hospitalTimeZone'>,
  fields: { exportId: string; patientName: string; expiresAt: string },
): { subject: string; html: string; text: string } {
  return renderEmail(config, {
    subject: 'Your export is ready',
    heading: 'Your export is ready',
    paragraphs: [
      `Hello ${fields.patientName},`,
      'The export of your record that you asked for is ready: a spreadsheet (CSV) and a FHIR file that other health services can read.',
      `You can download it until ${formatInZone(fields.expiresAt, config.hospitalTimeZone)}. After that, ask for a new one.`,
    ],
    action: { label: 'Download your export', path: exportPagePath(fields.exportId) },
  });
}
