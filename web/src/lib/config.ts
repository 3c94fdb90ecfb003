/**
 * The hospital's own settings for the whole app, asked of the API once at start (`GET /api/settings`):
 * its name for the header and the page titles, its time zone, and the idle timeout the app warns before.
 * Until the API answers, or if it cannot, the app calls itself Wardline.
 */
import { createSignal } from 'solid-js';
import { request } from './api';

export const DEFAULT_NAME = 'Wardline';
/** The server's default (SESSION_IDLE_MINUTES), used until the API has said otherwise. */
export const DEFAULT_IDLE_MINUTES = 30;

export interface BookingRules {
  minNoticeMinutes: number;
  changeCutoffHours: number;
  maxOpenAppointments: number;
}

export interface Settings {
  hospitalName: string;
  timeZone: string;
  sessionIdleMinutes: number;
  booking: BookingRules;
}

const [hospitalName, setHospitalName] = createSignal(DEFAULT_NAME);
const [timeZone, setTimeZone] = createSignal<string | null>(null);
const [sessionIdleMinutes, setSessionIdleMinutes] = createSignal(DEFAULT_IDLE_MINUTES);
/** The server's defaults until it has said otherwise. */
const [booking, setBooking] = createSignal<BookingRules>({ minNoticeMinutes: 60, changeCutoffHours: 2, maxOpenAppointments: 5 });

export const settings = {
  hospitalName,
  /** The hospital's IANA zone, once known. */
  timeZone,
  sessionIdleMinutes,
  booking,

  async load(): Promise<void> {
    try {
      const answer = await request<Partial<Settings> | undefined>('GET', '/settings');
      if (typeof answer?.hospitalName === 'string' && answer.hospitalName.trim() !== '') setHospitalName(answer.hospitalName);
      if (typeof answer?.timeZone === 'string') setTimeZone(answer.timeZone);
      if (typeof answer?.sessionIdleMinutes === 'number' && answer.sessionIdleMinutes > 0) setSessionIdleMinutes(answer.sessionIdleMinutes);
      const rules = answer?.booking;
      if (rules && [rules.minNoticeMinutes, rules.changeCutoffHours, rules.maxOpenAppointments].every((n) => typeof n === 'number')) setBooking(rules);
    } catch {
      // The name is a courtesy: keep "Wardline". An API that cannot be reached is reported by the session check.
    }
  },
};
