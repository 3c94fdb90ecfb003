/**
 * /admin/doctors/:id: one doctor's profile, edited in place; blocking (and restoring) their account and
 * removing them, each behind a confirmation that says what happens to their booked patients; sign-in help.
 */
import { A, useLocation, useParams } from '@solidjs/router';
import { createResource, createSignal, Match, Show, Switch } from 'solid-js';
import { SignInHelp } from '../../components/admin-sign-in-help';
import { Notice } from '../../components/field';
import { Async, ConfirmDialog, Details, Page, Section, StatusBadge } from '../../components/ui';
import { adminApi, type AdminDoctorDetail } from '../../lib/admin-api';
import type { User } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { DoctorForm } from './doctor-form';
import './admin.css';
import { latestOrNothing } from '../../lib/resource';

type Confirming = 'blacklist' | 'restore' | 'remove' | null;

export default function Doctor(_props: { user: User }) {
  const params = useParams<{ id: string }>();
  const location = useLocation<{ added?: boolean } | undefined>();
  const [doctor, { refetch, mutate }] = createResource(() => params.id, adminApi.doctor);
  const [editing, setEditing] = createSignal(false);
  const [confirming, setConfirming] = createSignal<Confirming>(null);
  const [notice, setNotice] = createSignal<string | null>(location.state?.added ? 'The doctor was added. They can sign in now.' : null);

  const changed = (next: AdminDoctorDetail, message: string) => {
    mutate(next);
    setNotice(message);
  };

  return (
    <Page title={latestOrNothing(doctor)?.name ?? 'Doctor'} back={{ href: '/admin/doctors', label: 'All doctors' }}>
      <Notice message={notice()} />
      <Async resource={doctor} refetch={refetch} loadingLabel="Loading the doctor…">
        {(d) => (
          <>
            <Section
              title="Profile"
              actions={
                <Show when={!editing() && d.status !== 'removed'}>
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
                      { label: 'Status', value: <StatusBadge status={d.status} /> },
                      { label: 'Email address', value: d.email },
                      { label: 'Department', value: d.departmentName },
                      { label: 'Specialization', value: d.specialization },
                      { label: 'Years of experience', value: d.experienceYears === null ? null : String(d.experienceYears) },
                      { label: 'Appointment length', value: `${d.slotMinutes} minutes` },
                      { label: 'About the doctor', value: d.bio },
                      { label: 'Added', value: formatDateTime(d.createdAt) },
                    ]}
                  />
                }
              >
                <DoctorForm
                  doctor={d}
                  submitLabel="Save the profile"
                  onCancel={() => setEditing(false)}
                  onSaved={(saved) => {
                    setEditing(false);
                    changed({ ...d, ...saved }, 'The profile was saved.');
                  }}
                />
              </Show>
              <p class="admin-more">
                <A href={`/admin/appointments?doctorId=${encodeURIComponent(d.id)}`}>{d.name}'s appointments</A>
              </p>
            </Section>

            <Section title="Account">
              <Switch>
                <Match when={d.status === 'removed'}>
                  <p>This doctor was removed. Their appointments and treatments stay in the records; they take no bookings and cannot sign in.</p>
                </Match>
                <Match when={d.status === 'blacklisted'}>
                  <p>This doctor is blocked: they cannot sign in and take no bookings. Restoring lets them sign in again; appointments cancelled by the block stay cancelled.</p>
                  <div class="admin-actions">
                    <button type="button" class="button button--primary" onClick={() => setConfirming('restore')}>
                      Restore the account
                    </button>
                    <button type="button" class="button button--danger" onClick={() => setConfirming('remove')}>
                      Remove the doctor
                    </button>
                  </div>
                </Match>
                <Match when={d.status === 'active'}>
                  <p>Blocking stops them signing in at once; removing takes them out of the hospital for good. Either way their future appointments are cancelled.</p>
                  <div class="admin-actions">
                    <button type="button" class="button button--danger" onClick={() => setConfirming('blacklist')}>
                      Block the account
                    </button>
                    <button type="button" class="button button--danger" onClick={() => setConfirming('remove')}>
                      Remove the doctor
                    </button>
                  </div>
                </Match>
              </Switch>
            </Section>

            <Show when={d.status === 'active'}>
              <SignInHelp user={d} onNotice={setNotice} onMfaRemoved={() => mutate({ ...d, mfaEnabled: false })} />
            </Show>

            <ConfirmDialog
              open={confirming() === 'blacklist'}
              onOpenChange={(open) => !open && setConfirming(null)}
              title={`Block ${d.name}?`}
              description="They are signed out everywhere at once and cannot sign in. Every future booked appointment of theirs is cancelled and each patient is emailed. You can restore the account later; the cancelled appointments stay cancelled."
              confirmLabel="Block the account"
              busyLabel="Blocking…"
              danger
              onConfirm={async () => {
                await adminApi.blacklist(d.id);
                changed({ ...d, status: 'blacklisted' }, `${d.name} is blocked. Their future appointments were cancelled and the patients are being emailed.`);
              }}
            />
            <ConfirmDialog
              open={confirming() === 'restore'}
              onOpenChange={(open) => !open && setConfirming(null)}
              title={`Restore ${d.name}'s account?`}
              description="They can sign in again and take bookings once they set their hours. Appointments cancelled by the block stay cancelled."
              confirmLabel="Restore the account"
              busyLabel="Restoring…"
              onConfirm={async () => {
                await adminApi.restore(d.id);
                changed({ ...d, status: 'active' }, `${d.name}'s account is restored.`);
              }}
            />
            <ConfirmDialog
              open={confirming() === 'remove'}
              onOpenChange={(open) => !open && setConfirming(null)}
              title={`Remove ${d.name}?`}
              description="They leave the hospital's list of doctors and take no more bookings; their sessions end. Every future booked appointment of theirs is cancelled and each patient is emailed. Their past appointments and treatments stay in the records. This cannot be undone here."
              confirmLabel="Remove the doctor"
              busyLabel="Removing…"
              danger
              onConfirm={async () => {
                const removed = await adminApi.removeDoctor(d.id);
                changed({ ...d, ...removed }, `${d.name} was removed. Their future appointments were cancelled and the patients are being emailed.`);
              }}
            />
          </>
        )}
      </Async>
    </Page>
  );
}
