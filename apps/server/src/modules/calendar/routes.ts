import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Platform } from '../../platform/context';
import { calendarOf } from './index';
import { actorOf } from '../../http/access';
import { DomainError, fieldError, type FieldError } from '../../http/errors';
import { DateString, problemResponses, StringEnum, Nullable } from '../../http/schemas';
import { addDays, formatVietnamIso, isValidIsoDate } from '../../lib/time';
import { CalendarRangeError, computeDueDate, DURATION_UNITS } from './due-date';
import { DAY_KINDS } from './holidays';
import { daysOff } from './working-calendar';
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

/** The calendar covers 1900–2199; one question covers at most two years (732 days). */
function checkRange(from: string, to: string): void {
  const errors: FieldError[] = [];
  for (const [field, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    const year = Number(value.slice(0, 4));
    if (!isValidIsoDate(value) || year < 1900 || year > 2199)
      errors.push(
        fieldError(
          `/${field}`,
          'out_of_range',
          'Ngày phải hợp lệ, trong các năm 1900–2199.',
          'A valid date between 1900 and 2199.',
        ),
      );
  }
  if (errors.length === 0) {
    if (to >= from && to <= addDays(from, 731)) return;
    errors.push(
      fieldError(
        '/to',
        'range',
        'Ngày kết thúc phải từ ngày bắt đầu đến không quá 731 ngày sau đó.',
        'to must be on or after from, at most 731 days later.',
      ),
    );
  }
  // A malformed query string: 400, as the schema's own checks answer.
  throw new DomainError({
    code: 'validation_failed',
    status: 400,
    message: 'Khoảng ngày không hợp lệ.',
    messageEn: 'Invalid date range.',
    errors,
  });
}

export const calendarRoutes: FastifyPluginAsyncTypebox<Platform> = async (app, { db }) => {
  const calendar = calendarOf(db);
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

  app.get(
    '/api/calendar/non-working-days',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'Các ngày không làm việc (thứ Bảy, Chủ nhật, nghỉ lễ, nghỉ bù; trừ ngày làm bù) trong một khoảng ngày, tối đa 732 ngày — để bộ chọn ngày chỉ cho chọn ngày làm việc',
        querystring: Type.Object({ from: DateString, to: DateString }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            from: Type.String({ format: 'date' }),
            to: Type.String({ format: 'date' }),
            days: Type.Array(Type.Object({ date: Type.String({ format: 'date' }), reason: Type.String() })),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      checkRange(from, to);
      const { calendar: working } = await calendar.load();
      return { from, to, days: daysOff(working, from, to) };
    },
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
