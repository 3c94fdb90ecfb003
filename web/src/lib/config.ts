/**
 * The hospital's own settings for the whole app, asked of the API once at start (`GET /api/settings`):
 * its name for the header and the page titles, and its time zone. Until the API answers, or if it cannot,
 * the app calls itself Wardline.
 */
import { createSignal } from 'solid-js';
import { request } from './api';

export const DEFAULT_NAME = 'Wardline';

export interface Settings {
  hospitalName: string;
  timeZone: string;
}

const [hospitalName, setHospitalName] = createSignal(DEFAULT_NAME);
const [timeZone, setTimeZone] = createSignal<string | null>(null);

export const settings = {
  hospitalName,
  /** The hospital's IANA zone, once known. */
  timeZone,

  async load(): Promise<void> {
    try {
      const answer = await request<Partial<Settings> | undefined>('GET', '/settings');
      if (typeof answer?.hospitalName === 'string' && answer.hospitalName.trim() !== '') setHospitalName(answer.hospitalName);
      if (typeof answer?.timeZone === 'string') setTimeZone(answer.timeZone);
    } catch {
      // The name is a courtesy: keep "Wardline". An API that cannot be reached is reported by the session check.
    }
  },
};
