/** The answer of `GET /api/settings`: what the web app shows of the hospital's settings. Pure: no I/O. */
import * as v from 'valibot';

export const SettingsResponse = v.object({
  hospitalName: v.string(),
  /** An IANA zone name: calendar dates and clock times in the API are in this zone. */
  timeZone: v.string(),
  /** Minutes without a request after which a session ends: the web app warns a minute before. */
  sessionIdleMinutes: v.number(),
  /** The booking rules a patient should know before acting (BOOKING_MIN_NOTICE_MINUTES, PATIENT_CHANGE_CUTOFF_HOURS, MAX_OPEN_APPOINTMENTS). */
  booking: v.object({
    minNoticeMinutes: v.number(),
    changeCutoffHours: v.number(),
    maxOpenAppointments: v.number(),
  }),
});
export type SettingsResponse = v.InferOutput<typeof SettingsResponse>;
