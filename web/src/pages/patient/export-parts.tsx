/** An export's status and its downloads, shared by the list and the export's own page. */
import { Match, Show, Switch } from 'solid-js';
import { StatusBadge } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { exports, type PatientExport } from '../../lib/patient-api';
import { exportView, progressText } from '../../lib/patient-records';

export function ExportStatus(props: { item: PatientExport }) {
  return (
    <span class="row">
      <StatusBadge status={exportView(props.item)} />
      <Show when={(props.item.status === 'running' || props.item.status === 'queued') && progressText(props.item)}>{(text) => <span class="muted">{text()}</span>}</Show>
    </span>
  );
}

export function ExportDownloads(props: { item: PatientExport }) {
  const view = () => exportView(props.item);
  return (
    <Switch>
      <Match when={view() === 'done'}>
        <span class="downloads">
          {/* Named in full by aria-label: a visually hidden span inside a wide table would widen the page on a phone. */}
          <a href={exports.downloadHref(props.item.id, 'csv')} download="" aria-label={`Download CSV of the export made ${formatDateTime(props.item.createdAt)}`}>
            Download CSV
          </a>
          <a href={exports.downloadHref(props.item.id, 'fhir')} download="" aria-label={`Download FHIR (JSON) of the export made ${formatDateTime(props.item.createdAt)}`}>
            Download FHIR (JSON)
          </a>
        </span>
      </Match>
      <Match when={view() === 'expired'}>
        <span class="muted">Expired: the files are no longer kept. Ask for a new export.</span>
      </Match>
      <Match when={view() === 'failed'}>
        <span class="muted">This export failed. Ask for a new one.</span>
      </Match>
      <Match when={true}>
        <span class="muted">Being made… this page updates by itself.</span>
      </Match>
    </Switch>
  );
}
