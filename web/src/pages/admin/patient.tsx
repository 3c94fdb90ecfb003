/**
 * /admin/patients/:id: a patient's profile (edited in place), their account (block and restore, end every
 * session, each behind a confirmation), sign-in help (a reset link, removing a lost second factor) and their
 * appointments.
 */
import { useParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { AdminAppointmentsTable } from '../../components/admin-appointments-table';
import { SignInHelp } from '../../components/admin-sign-in-help';
import { ADMIN_PAGE_SIZE } from '../../components/admin-list';
import { Notice } from '../../components/field';
import { Async, ConfirmDialog, Details, Empty, Page, Pagination, Section, StatusBadge } from '../../components/ui';
import { adminApi, type AdminPatientDetail } from '../../lib/admin-api';
import type { User } from '../../lib/api';
import { formatDate, formatDateTime, zoneNote } from '../../lib/format';
import { genderLabel, PatientForm } from './patient-form';
import './admin.css';
import { latestOrNothing } from '../../lib/resource';

type Confirming = 'blacklist' | 'restore' | 'sessions' | null;

export default function Patient(_props: { user: User }) {
  const params = useParams<{ id: string }>();
  const [patient, { refetch, mutate }] = createResource(() => params.id, adminApi.patient);
  const [editing, setEditing] = createSignal(false);
  const [confirming, setConfirming] = createSignal<Confirming>(null);
  const [notice, setNotice] = createSignal<string | null>(null);

  const changed = (next: AdminPatientDetail, message: string) => {
    mutate(next);
    setNotice(message);
  };

  return (
    <Page title={latestOrNothing(patient)?.name ?? 'Patient'} back={{ href: '/admin/patients', label: 'All patients' }}>
      <Notice message={notice()} />
      <Async resource={patient} refetch={refetch} loadingLabel="Loading the patient…">
        {(p) => (
          <>
            <Section
              title="Profile"
              actions={
                <Show when={!editing()}>
                  <button type="button" class="button button--secondary" onClick={() => setEditing(true)}>
                    Edit the profile
                  </button>
                </Show>
              }
            >
              <Show
                when={editing()}
                fallback={
                  <Details
                    items={[
                      { label: 'Status', value: <StatusBadge status={p.status} /> },
                      { label: 'Email address', value: p.email },
                      { label: 'Phone number', value: p.phone },
                      { label: 'Date of birth', value: p.dateOfBirth ? formatDate(p.dateOfBirth) : null },
                      { label: 'Gender', value: genderLabel(p.gender) },
                      { label: 'Blood group', value: p.bloodGroup },
                      { label: 'Address', value: p.address },
                      { label: 'Registered', value: formatDateTime(p.createdAt) },
                      { label: 'Patient id', value: <span class="admin-code">{p.id}</span> },
                      {
                        label: 'Appointments',
                        value: `${p.appointments.total} in all: ${p.appointments.booked} booked, ${p.appointments.completed} completed, ${p.appointments.cancelled} cancelled`,
                      },
                    ]}
                  />
                }
              >
                <PatientForm
                  patient={p}
                  onCancel={() => setEditing(false)}
                  onSaved={(saved) => {
                    setEditing(false);
                    changed({ ...p, ...saved }, 'The profile was saved.');
                  }}
                />
              </Show>
            </Section>

            <Section title="Account">
              <Show
                when={p.status === 'active'}
                fallback={<p>This patient is blocked: they cannot sign in or book. Restoring lets them sign in again.</p>}
              >
                <p>Blocking signs the patient out everywhere at once and stops them signing in or booking. Ending the sessions only signs them out.</p>
              </Show>
              <div class="admin-actions">
                <Show
                  when={p.status === 'active'}
                  fallback={
                    <button type="button" class="button button--primary" onClick={() => setConfirming('restore')}>
                      Restore the account
                    </button>
                  }
                >
                  <button type="button" class="button button--danger" onClick={() => setConfirming('blacklist')}>
                    Block the account
                  </button>
                </Show>
                <button type="button" class="button button--secondary" onClick={() => setConfirming('sessions')}>
                  End all sessions
                </button>
              </div>
            </Section>

            <Show when={p.status === 'active'}>
              <SignInHelp user={p} onNotice={setNotice} onMfaRemoved={() => mutate({ ...p, mfaEnabled: false })} />
            </Show>

            <PatientAppointments patientId={p.id} />

            <ConfirmDialog
              open={confirming() === 'blacklist'}
              onOpenChange={(open) => !open && setConfirming(null)}
              title={`Block ${p.name}?`}
              description="They are signed out everywhere at once and cannot sign in or book until the account is restored. Their booked appointments stay as they are."
              confirmLabel="Block the account"
              busyLabel="Blocking…"
              danger
              onConfirm={async () => {
                await adminApi.blacklist(p.id);
                changed({ ...p, status: 'blacklisted' }, `${p.name} is blocked and has been signed out everywhere.`);
              }}
            />
            <ConfirmDialog
              open={confirming() === 'restore'}
              onOpenChange={(open) => !open && setConfirming(null)}
              title={`Restore ${p.name}'s account?`}
              description="They can sign in and book again."
              confirmLabel="Restore the account"
              busyLabel="Restoring…"
              onConfirm={async () => {
                await adminApi.restore(p.id);
                changed({ ...p, status: 'active' }, `${p.name}'s account is restored. They can sign in again.`);
              }}
            />
            <ConfirmDialog
              open={confirming() === 'sessions'}
              onOpenChange={(open) => !open && setConfirming(null)}
              title={`End all of ${p.name}'s sessions?`}
              description="They are signed out on every device at once and have to sign in again. The account itself stays as it is."
              confirmLabel="End all sessions"
              busyLabel="Ending…"
              cancelLabel="Cancel"
              onConfirm={async () => {
                await adminApi.endSessions(p.id);
                setNotice(`Every session of ${p.name} has ended.`);
              }}
            />
          </>
        )}
      </Async>
    </Page>
  );
}

function PatientAppointments(props: { patientId: string }) {
  const [page, setPage] = createSignal(1);
  const [appointments, { refetch }] = createResource(
    () => ({ patientId: props.patientId, page: page(), pageSize: ADMIN_PAGE_SIZE }),
    (params) => adminApi.appointments(params),
  );
  return (
    <Section title="Appointments">
      <p class="muted">{zoneNote()}</p>
      <Async
        resource={appointments}
        refetch={refetch}
        loadingLabel="Loading appointments…"
        isEmpty={(list) => list.items.length === 0}
        empty={<Empty title="No appointments yet" />}
      >
        {(list) => (
          <>
            <AdminAppointmentsTable items={list.items} label="The patient's appointments" showPatient={false} />
            <Pagination page={page()} pageSize={ADMIN_PAGE_SIZE} total={list.total} onPage={setPage} label="Pages of appointments" />
          </>
        )}
      </Async>
    </Section>
  );
}
