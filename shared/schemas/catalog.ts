/**
 * The public catalogue's shapes (API.md "Public catalogue"): departments, doctors and their free slots,
 * with the query strings that list them. Pure valibot, shared with the web app.
 */
import * as v from 'valibot';
import { SlotDto } from './booking';
import { CalendarDate } from './dates';
import { ListOf, PageQuery } from './lists';

export const DepartmentDto = v.object({
  id: v.string(),
  name: v.string(),
  description: v.nullable(v.string()),
  /** Doctors who take bookings: an active account, not removed. */
  doctorCount: v.number(),
});
export type DepartmentDto = v.InferOutput<typeof DepartmentDto>;
export const DepartmentList = ListOf(DepartmentDto);
export type DepartmentList = v.InferOutput<typeof DepartmentList>;

export const DoctorDto = v.object({
  id: v.string(),
  name: v.string(),
  departmentId: v.string(),
  departmentName: v.string(),
  specialization: v.string(),
  experienceYears: v.nullable(v.number()),
  bio: v.nullable(v.string()),
  /** How long each of the doctor's slots is. */
  slotMinutes: v.number(),
});
export type DoctorDto = v.InferOutput<typeof DoctorDto>;
export const DoctorList = ListOf(DoctorDto);
export type DoctorList = v.InferOutput<typeof DoctorList>;

export const DepartmentListQuery = v.object({ ...PageQuery });

/** An empty parameter (`?q=`, as a form sends it) is no filter at all. */
const optionalFilter = (max: number) =>
  v.pipe(
    v.optional(v.string(), ''),
    v.trim(),
    v.maxLength(max, `must be at most ${max} characters`),
    v.transform((s) => (s === '' ? undefined : s)),
  );

export const DoctorListQuery = v.object({
  /** Only this department's doctors. */
  departmentId: optionalFilter(100),
  /** Part of the name or the specialization, in any letter case. */
  q: optionalFilter(100),
  ...PageQuery,
});
export type DoctorListQuery = v.InferOutput<typeof DoctorListQuery>;

/** `from` and `to` (both optional, both included) bound the dates; the booking window clips them. */
export const SlotRangeQuery = v.pipe(
  v.object({ from: v.optional(CalendarDate), to: v.optional(CalendarDate) }),
  v.forward(
    v.partialCheck([['from'], ['to']], (range) => !range.from || !range.to || range.from <= range.to, 'must not be before from'),
    ['to'],
  ),
);
export type SlotRangeQuery = v.InferOutput<typeof SlotRangeQuery>;

export const DoctorSlots = v.object({ items: v.array(SlotDto) });
export type DoctorSlots = v.InferOutput<typeof DoctorSlots>;

export const DepartmentSlotDto = v.object({ doctorId: v.string(), start: v.string(), end: v.string() });
export const DepartmentSlots = v.object({ items: v.array(DepartmentSlotDto) });
export type DepartmentSlots = v.InferOutput<typeof DepartmentSlots>;
