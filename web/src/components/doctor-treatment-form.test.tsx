// @vitest-environment happy-dom
/**
 * The complete-visit form: the diagnosis is required before anything is sent, the server's field errors
 * land on their fields, and a 409 can be claimed by the page to explain it its own way.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError } from '../lib/api';
import { TreatmentForm, type TreatmentValues } from './doctor-treatment-form';

afterEach(cleanup);

describe('the treatment form', () => {
  test('without a diagnosis nothing is sent and the field says why', async () => {
    const send = vi.fn(async () => undefined);
    render(() => <TreatmentForm idPrefix="c" submitLabel="Complete the visit" busyLabel="Saving…" action="complete the visit" onSubmit={send} />);
    fireEvent.click(screen.getByRole('button', { name: 'Complete the visit' }));
    const diagnosis = screen.getByLabelText('Diagnosis');
    await waitFor(() => expect(diagnosis.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText(/Diagnosis is required/)).toBeTruthy();
    expect(send).not.toHaveBeenCalled();
  });

  test('what was typed is sent, blanks as null', async () => {
    const send = vi.fn(async (_values: TreatmentValues) => undefined);
    render(() => <TreatmentForm idPrefix="c" submitLabel="Complete the visit" busyLabel="Saving…" action="complete the visit" onSubmit={send} />);
    fireEvent.input(screen.getByLabelText('Diagnosis'), { target: { value: 'Stable angina' } });
    fireEvent.input(screen.getByLabelText(/^Notes/), { target: { value: 'Walks daily' } });
    fireEvent.click(screen.getByRole('button', { name: 'Complete the visit' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith({ diagnosis: 'Stable angina', prescription: null, notes: 'Walks daily', nextVisit: null }));
  });

  test("the server's field error is shown on its field", async () => {
    const send = vi.fn(async () => {
      throw new ApiError(400, 'invalid_input', 'Check the fields.', { nextVisit: 'must not be in the past' });
    });
    render(() => <TreatmentForm idPrefix="c" submitLabel="Complete the visit" busyLabel="Saving…" action="complete the visit" onSubmit={send} />);
    fireEvent.input(screen.getByLabelText('Diagnosis'), { target: { value: 'Stable angina' } });
    fireEvent.click(screen.getByRole('button', { name: 'Complete the visit' }));
    await waitFor(() => expect(screen.getByLabelText(/^Next visit/).getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Next visit must not be in the past.')).toBeTruthy();
  });

  test('a 409 the page claims is explained in its words', async () => {
    const [problem, setProblem] = createSignal<string | null>(null);
    const send = vi.fn(async () => {
      throw new ApiError(409, 'state', 'A visit can be completed from 30 minutes before its start.');
    });
    render(() => (
      <TreatmentForm
        idPrefix="c"
        submitLabel="Complete the visit"
        busyLabel="Saving…"
        action="complete the visit"
        onSubmit={send}
        problem={problem()}
        handled={(err) => {
          setProblem(`This visit cannot be completed yet: ${(err as ApiError).message}`);
          return true;
        }}
      />
    ));
    fireEvent.input(screen.getByLabelText('Diagnosis'), { target: { value: 'Stable angina' } });
    fireEvent.click(screen.getByRole('button', { name: 'Complete the visit' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('This visit cannot be completed yet: A visit can be completed from 30 minutes'));
  });
});
