/**
 * `"x-notFuture": true`: a date field of an application form (a date of birth) that cannot be
 * later than today in Vietnam, checked by the form validator and explained in both languages.
 */
import type { ErrorObject } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, vietnamDate } from '../lib/time';
import { defaultFormSchema } from '../modules/procedures';
import { as, login, problem, startTestApp, type Session, type TestContext } from '../test/harness';
import { PERMIT, permitForm } from '../test/dossier-data';
import { translateAjvError } from './problem';
import { createFormAjv } from './validation';

const schema = {
  type: 'object',
  properties: { born: { type: 'string', format: 'date', 'x-notFuture': true } },
};

describe('x-notFuture in the form validator', () => {
  const validate = createFormAjv({ today: () => '2026-03-10' }).compile(schema);

  it('accepts today and earlier days, refuses the next day', () => {
    expect(validate({ born: '2026-03-10' })).toBe(true);
    expect(validate({ born: '1950-01-31' })).toBe(true);
    expect(validate({ born: '2026-03-11' })).toBe(false);
    expect(validate.errors).toMatchObject([
      { keyword: 'x-notFuture', instancePath: '/born', params: { today: '2026-03-10' } },
    ]);
  });

  it('leaves a malformed date to the format keyword, and does nothing when false', () => {
    expect(validate({ born: '2026-13-45' })).toBe(false);
    expect(validate.errors?.map((error) => error.keyword)).toEqual(['format']);
    const off = createFormAjv({ today: () => '2026-03-10' }).compile({
      type: 'string',
      'x-notFuture': false,
    });
    expect(off('2999-01-01')).toBe(true);
  });

  it('on a year (the parents’ "Năm sinh"), refuses a year after the current one', () => {
    const year = createFormAjv({ today: () => '2026-03-10' }).compile({
      type: 'object',
      properties: { motherBirthYear: { type: 'integer', 'x-notFuture': true } },
    });
    expect(year({ motherBirthYear: 2026 })).toBe(true);
    expect(year({ motherBirthYear: 2027 })).toBe(false);
    expect(translateAjvError(year.errors![0] as ErrorObject, 'formData')).toMatchObject({
      field: '/motherBirthYear',
      message: 'Năm không được sau năm hiện tại (2026).',
    });
  });

  it('refuses a schema whose x-notFuture is not a boolean', () => {
    expect(() => createFormAjv().compile({ type: 'string', 'x-notFuture': 'yes' })).toThrow();
  });

  it('explains the refusal in Vietnamese and in English, with the date of today', () => {
    validate({ born: '2030-01-01' });
    const translated = translateAjvError(validate.errors![0] as ErrorObject, 'formData');
    expect(translated).toEqual({
      field: '/born',
      code: 'x-notFuture',
      message: 'Ngày không được sau ngày hôm nay (10/03/2026).',
      message_en: 'The date cannot be later than today (2026-03-10).',
    });
  });

  it('is on the birth dates of the default forms', () => {
    const civil = defaultFormSchema('Thủ tục đăng ký khai sinh', 'Hộ tịch') as {
      properties: Record<string, { properties: Record<string, Record<string, unknown>> }>;
    };
    expect(civil.properties.applicant!.properties.birthDate).toMatchObject({ 'x-notFuture': true });
    expect(civil.properties.details!.properties.subjectBirthDate).toMatchObject({ 'x-notFuture': true });
  });
});

describe('a date of birth in the future, through the API', () => {
  let ctx: TestContext;
  let citizen: Session;
  beforeAll(async () => {
    ctx = await startTestApp();
    citizen = await login(ctx.app, 'congdan');
  });
  afterAll(async () => ctx.close());

  const submit = (birthDate: string, language = 'vi') =>
    as(
      ctx.app,
      citizen,
    )({
      method: 'POST',
      url: '/api/dossiers',
      headers: { 'accept-language': language },
      payload: {
        procedureCode: PERMIT,
        channel: 'online',
        formData: { ...permitForm, applicant: { ...permitForm.applicant, birthDate } },
      },
    });

  it('is refused with a field error on the birth date, and nothing is written', async () => {
    const before = await ctx.handle.db
      .selectFrom('dossiers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const tomorrow = addDays(vietnamDate(new Date()), 1);
    const refused = await submit(tomorrow);
    expect(refused.statusCode).toBe(422);
    const body = problem(refused);
    expect(body.errors).toEqual([
      expect.objectContaining({
        field: '/formData/applicant/birthDate',
        code: 'x-notFuture',
        message: expect.stringMatching(/^Ngày không được sau ngày hôm nay/),
      }),
    ]);
    const after = await ctx.handle.db
      .selectFrom('dossiers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('accepts today', async () => {
    const accepted = await submit(vietnamDate(new Date()));
    expect(accepted.statusCode).toBe(201);
  });
});
