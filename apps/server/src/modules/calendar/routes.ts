import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../../app';
import { actorOf } from '../../http/access';
import { DomainError } from '../../http/errors';
import { problemResponses, StringEnum, Nullable } from '../../http/schemas';
import { formatVietnamIso } from '../../lib/time';
import { CalendarRangeError, computeDueDate, DURATION_UNITS } from './due-date';
import { DAY_KINDS } from './holidays';
import { OfficeHoursSetting, replaceYearSchedule, updateOfficeHours, YearScheduleBody } from './service';

const SpecialDaySchema = Type.Object({
  date: Type.String({ format: 'date' }),
  kind: StringEnum(DAY_KINDS),
  name: Type.String(),
  source: Type.String(),
});
const YearSchema = Type.Object({
  year: Type.Integer(),
  status: Type.Union([Type.Literal('official'), Type.Literal('provisional'), Type.Literal('default')]),
  source: Nullable(Type.String()),
  days: Type.Array(SpecialDaySchema),
});
const YearParams = Type.Object(
  { year: Type.Integer({ minimum: 1900, maximum: 2199 }) },
  { additionalProperties: false },
);

export const calendarRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db, calendar }) => {
  const tags = ['Lịch làm việc'];

  app.get(
    '/api/calendar/due-date',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Tính thời hạn giải quyết từ thời điểm tiếp nhận, giải thích từng ngày không tính',
        querystring: Type.Object(
          {
            from: Type.String({
              format: 'date-time',
              description: 'Thời điểm tiếp nhận, ISO 8601 có múi giờ',
            }),
            amount: Type.Number({ minimum: 0, maximum: 1000, multipleOf: 0.5 }),
            unit: StringEnum(DURATION_UNITS),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            dueAt: Type.String({ format: 'date-time' }),
            countedFrom: Type.String({ format: 'date-time' }),
            skipped: Type.Array(
              Type.Object({ date: Type.String({ format: 'date' }), reason: Type.String() }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const from = new Date(request.query.from);
      if (Number.isNaN(from.getTime()) || from.getUTCFullYear() < 1901 || from.getUTCFullYear() > 2190) {
        throw new DomainError({
          code: 'validation_failed',
          status: 400,
          message: 'Thời điểm tiếp nhận không hợp lệ (năm 1901–2190).',
          messageEn: 'from must be a valid date-time between 1901 and 2190.',
        });
      }
      const { calendar: workingCalendar, hours } = await calendar.load();
      try {
        const result = computeDueDate(from, request.query.amount, request.query.unit, workingCalendar, hours);
        return {
          dueAt: formatVietnamIso(result.dueAt),
          countedFrom: formatVietnamIso(result.countedFrom),
          skipped: result.skipped,
        };
      } catch (error) {
        if (error instanceof CalendarRangeError) {
          throw new DomainError({
            code: 'calendar_range',
            status: 422,
            message: error.message,
            messageEn: 'No working day found in range.',
          });
        }
        throw error;
      }
    },
  );

  app.get(
    '/api/calendar/holidays',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Các ngày nghỉ lễ, nghỉ bù, hoán đổi và ngày làm bù của một năm',
        querystring: Type.Object(
          { year: Type.Integer({ minimum: 1900, maximum: 2199 }) },
          { additionalProperties: false },
        ),
        response: { 200: YearSchema, ...problemResponses },
      },
    },
    async (request) => calendar.yearDays(request.query.year),
  );

  app.put(
    '/api/admin/calendar/years/:year',
    {
      config: { access: { permission: 'calendar.manage' } },
      schema: {
        tags,
        summary: 'Nhập lịch nghỉ chính thức của một năm (thay toàn bộ các ngày đã nhập của năm đó)',
        params: YearParams,
        body: YearScheduleBody,
        response: { 200: YearSchema, ...problemResponses },
      },
    },
    async (request) => {
      await replaceYearSchedule(db, actorOf(request), request.params.year, request.body);
      calendar.invalidate();
      return calendar.yearDays(request.params.year);
    },
  );

  app.get(
    '/api/calendar/office-hours',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Giờ làm việc và giờ chốt tiếp nhận (15:00)',
        response: { 200: OfficeHoursSetting, ...problemResponses },
      },
    },
    async () => {
      const row = await db
        .selectFrom('settings')
        .select('value')
        .where('key', '=', 'office_hours')
        .executeTakeFirstOrThrow();
      return row.value;
    },
  );

  app.put(
    '/api/admin/calendar/office-hours',
    {
      config: { access: { permission: 'settings.manage' } },
      schema: {
        tags,
        summary: 'Sửa giờ làm việc và giờ chốt tiếp nhận',
        body: Type.Object(
          { ...OfficeHoursSetting.properties, reason: Type.Optional(Type.String({ maxLength: 1000 })) },
          { additionalProperties: false },
        ),
        response: { 200: OfficeHoursSetting, ...problemResponses },
      },
    },
    async (request) => {
      const { reason, ...value } = request.body;
      await updateOfficeHours(db, actorOf(request), value, reason);
      calendar.invalidate();
      return value;
    },
  );
};
