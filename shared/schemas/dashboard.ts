/** The admin dashboard (API.md "Admin": `GET /api/admin/dashboard`). Pure. */
import * as v from 'valibot';

export const DashboardDay = v.object({ date: v.string(), booked: v.number(), completed: v.number(), cancelled: v.number() });
export const DashboardDepartment = v.object({ departmentId: v.string(), name: v.string(), appointments: v.number() });

export const AdminDashboard = v.object({
  doctors: v.number(),
  patients: v.number(),
  appointments: v.object({ total: v.number(), booked: v.number(), completed: v.number(), cancelled: v.number(), today: v.number() }),
  series: v.object({ perDay: v.array(DashboardDay), byDepartment: v.array(DashboardDepartment) }),
});
export type AdminDashboard = v.InferOutput<typeof AdminDashboard>;
