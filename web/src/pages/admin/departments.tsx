/**
 * /admin/departments: every department with how many doctors take bookings in it; add one, rename or
 * describe one (a dialog), delete one (a confirmation; the server refuses while any doctor belongs to it).
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { CreateDepartmentInput } from '../../../../shared/schemas/admin';
import type { DepartmentDto } from '../../../../shared/schemas/catalog';
import { TextAreaField } from '../../components/field';
import { ADMIN_PAGE_SIZE, useUrlFilters } from '../../components/admin-list';
import { FormAlert, Notice, TextField } from '../../components/field';
import { Async, ConfirmDialog, Empty, Modal, Page, Pagination, Section, TableWrap } from '../../components/ui';
import { adminApi } from '../../lib/admin-api';
import { ApiError, newIdempotencyKey, type User } from '../../lib/api';
import { validate } from '../../lib/form';
import { createFormState } from '../../lib/form-state';
import './admin.css';

const LABELS = { name: 'Name', description: 'Description' } as const;

export default function Departments(_props: { user: User }) {
  const list = useUrlFilters([] as const);
  const [departments, { refetch }] = createResource(
    () => list.page(),
    (page) => adminApi.departments({ page, pageSize: ADMIN_PAGE_SIZE }),
  );
  const [editing, setEditing] = createSignal<DepartmentDto | 'new' | null>(null);
  const [deleting, setDeleting] = createSignal<DepartmentDto | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);

  const done = (message: string) => {
    setEditing(null);
    setNotice(message);
    void refetch();
  };

  return (
    <Page
      title="Departments"
      lead="Patients choose a department first when they book. A department can be deleted once no doctor belongs to it."
      actions={
        <button type="button" class="button button--primary" onClick={() => setEditing('new')}>
          Add a department
        </button>
      }
    >
      <Notice message={notice()} />
      <Async
        resource={departments}
        refetch={refetch}
        loadingLabel="Loading departments…"
        isEmpty={(page) => page.items.length === 0}
        empty={<Empty title="No departments yet">Add the first one with "Add a department".</Empty>}
      >
        {(page) => (
          <Section title={`${page.total} ${page.total === 1 ? 'department' : 'departments'}`} id="departments-list">
            <TableWrap label="Departments">
              <table class="table admin-wide-table">
                <caption class="visually-hidden">Departments, by name</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Description</th>
                    <th scope="col" class="num">Doctors taking bookings</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={page.items}>
                    {(department) => (
                      <tr>
                        <th scope="row">{department.name}</th>
                        <td class="admin-reason">{department.description ?? <span class="muted">None</span>}</td>
                        <td class="num">{department.doctorCount}</td>
                        <td>
                          <div class="admin-actions">
                            <button type="button" class="button button--secondary button--small" onClick={() => setEditing(department)}>
                              Edit<span class="visually-hidden"> {department.name}</span>
                            </button>
                            <button type="button" class="button button--danger button--small" onClick={() => setDeleting(department)}>
                              Delete<span class="visually-hidden"> {department.name}</span>
                            </button>
                          </div>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableWrap>
            <Pagination page={list.page()} pageSize={ADMIN_PAGE_SIZE} total={page.total} onPage={list.setPage} label="Pages of departments" />
          </Section>
        )}
      </Async>

      <Modal
        open={editing() !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        title={editing() === 'new' ? 'Add a department' : 'Edit the department'}
      >
        <Show when={editing()} keyed>
          {(target) => (
            <DepartmentForm
              department={target === 'new' ? null : target}
              onCancel={() => setEditing(null)}
              onSaved={(saved) => done(target === 'new' ? `${saved.name} was added.` : `${saved.name} was saved.`)}
            />
          )}
        </Show>
      </Modal>

      <ConfirmDialog
        open={deleting() !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={`Delete ${deleting()?.name ?? 'the department'}?`}
        description="The department is removed for good. While any doctor belongs to it (removed doctors too, whose history names it), it cannot be deleted: move them to another department first."
        confirmLabel="Delete the department"
        busyLabel="Deleting…"
        danger
        onConfirm={async () => {
          const target = deleting();
          if (!target) return;
          await adminApi.deleteDepartment(target.id);
          setNotice(`${target.name} was deleted.`);
          void refetch();
        }}
      />
    </Page>
  );
}

function DepartmentForm(props: { department: DepartmentDto | null; onCancel: () => void; onSaved: (department: DepartmentDto) => void }) {
  const [name, setName] = createSignal(props.department?.name ?? '');
  const [description, setDescription] = createSignal(props.department?.description ?? '');
  const key = newIdempotencyKey();
  const state = createFormState(LABELS, () => {
    const result = validate(CreateDepartmentInput, { name: name(), description: description().trim() === '' ? null : description() });
    return result.ok ? { fields: {}, output: result.output } : { fields: result.fields };
  });

  const submit = (event: SubmitEvent) =>
    state.submit(
      event,
      props.department ? 'save the department' : 'add the department',
      async (input) => {
        const saved = props.department
          ? await adminApi.updateDepartment(props.department.id, { name: input.name, description: input.description ?? null })
          : await adminApi.createDepartment(input, key);
        props.onSaved(saved);
      },
      (err) => {
        if (err instanceof ApiError && err.code === 'name_taken') {
          state.showFieldErrors({ name: err.message });
          return true;
        }
        return false;
      },
    );

  return (
    <form ref={state.ref} class="admin-form" novalidate onSubmit={submit}>
      <FormAlert message={state.problem()} />
      <TextField
        id="department-name"
        label={LABELS.name}
        required
        maxLength={100}
        value={name()}
        onValue={(value) => {
          setName(value);
          state.recheck('name');
        }}
        error={state.errorFor('name')}
      />
      <TextAreaField
        id="department-description"
        label={LABELS.description}
        optional
        hint="What the department treats, in a sentence or two, as patients see it when they book."
        maxLength={1000}
        value={description()}
        onValue={(value) => {
          setDescription(value);
          state.recheck('description');
        }}
        error={state.errorFor('description')}
      />
      <div class="dialog__actions">
        <button type="button" class="button button--secondary" onClick={() => props.onCancel()}>
          Cancel
        </button>
        <button type="submit" class="button button--primary" aria-disabled={state.busy() ? 'true' : undefined}>
          {state.busy() ? 'Saving…' : props.department ? 'Save' : 'Add the department'}
        </button>
      </div>
    </form>
  );
}
