/** Test helper: deadlines that fall on working days, as the server requires of officers' dates. */
import type { FastifyInstance } from 'fastify';

/** `days` working days after `from` (ISO 8601), by the server's own calendar. */
export async function workingDaysAfter(app: FastifyInstance, from: string, days: number): Promise<string> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/calendar/due-date?from=${encodeURIComponent(from)}&amount=${days}&unit=working-days`,
  });
  if (response.statusCode !== 200) throw new Error(`due-date: ${response.statusCode} ${response.body}`);
  return response.json<{ dueAt: string }>().dueAt;
}

/** `days` working days from now. */
export function workingDaysFromNow(app: FastifyInstance, days: number): Promise<string> {
  return workingDaysAfter(app, new Date().toISOString(), days);
}
