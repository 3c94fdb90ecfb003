/** `/patient/exports/:id` (the "export is ready" email links here): one export, its live status and its files. */
import { useParams } from '@solidjs/router';
import { createEffect, createResource, onCleanup } from 'solid-js';
import { Async, Details, Page, Section } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { exports } from '../../lib/patient-api';
import { EXPORT_POLL_MS, stillWorking } from '../../lib/patient-records';
import { ExportDownloads, ExportStatus } from './export-parts';
import './patient.css';
import { latestOrNothing } from '../../lib/resource';

export default function ExportPage() {
  const params = useParams<{ id: string }>();
  const [item, { refetch }] = createResource(() => params.id, (id) => exports.get(id));
  createEffect(() => {
    const latest = latestOrNothing(item);
    if (!latest || !stillWorking([latest])) return;
    const timer = setTimeout(() => void refetch(), EXPORT_POLL_MS);
    onCleanup(() => clearTimeout(timer));
  });
  return (
    <Page title="Export of my record" back={{ href: '/patient/exports', label: 'All my exports' }}>
      <Async resource={item} refetch={refetch} loadingLabel="Loading the export…">
        {(e) => (
          <Section title="This export">
            <Details
              items={[
                { label: 'Asked for', value: formatDateTime(e.createdAt) },
                { label: 'Status', value: <span aria-live="polite"><ExportStatus item={e} /></span> },
                { label: 'Finished', value: e.finishedAt ? formatDateTime(e.finishedAt) : null },
                { label: 'Available until', value: e.expiresAt ? formatDateTime(e.expiresAt) : null },
                { label: 'Files', value: <ExportDownloads item={e} /> },
              ]}
            />
          </Section>
        )}
      </Async>
    </Page>
  );
}
