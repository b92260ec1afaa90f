import { describe, expect, it } from 'vitest';
import {
  checkField,
  checkPage,
  cleanValues,
  fieldKeyOf,
  firstInvalidPage,
  formPages,
  prefill,
  vietnamToday,
} from './schema-form';

/** As the server stores it (jsonb: keys sorted by length, not as written). */
const schema = {
  type: 'object',
  required: ['applicant', 'details'],
  properties: {
    details: {
      type: 'object',
      title: 'Thông tin công trình',
      required: ['worksName', 'worksAddress'],
      properties: {
        floors: { type: 'integer', title: 'Số tầng', minimum: 1, maximum: 100 },
        floorArea: { type: 'number', title: 'Tổng diện tích sàn (m²)', exclusiveMinimum: 0 },
        worksName: { type: 'string', title: 'Tên công trình', minLength: 1, maxLength: 200 },
        worksAddress: { type: 'string', title: 'Địa điểm xây dựng', minLength: 1, maxLength: 2000 },
      },
    },
    applicant: {
      type: 'object',
      title: 'Thông tin người nộp hồ sơ',
      required: ['fullName', 'birthDate', 'identityNumber', 'phone'],
      properties: {
        email: { type: 'string', title: 'Thư điện tử', format: 'email' },
        phone: { type: 'string', title: 'Số điện thoại', pattern: '^(\\+84|0)[0-9]{9,10}$' },
        gender: { type: 'string', title: 'Giới tính', enum: ['Nam', 'Nữ'] },
        fullName: { type: 'string', title: 'Họ, chữ đệm và tên', minLength: 1 },
        birthDate: { type: 'string', title: 'Ngày sinh', format: 'date', 'x-notFuture': true },
        identityNumber: { type: 'string', title: 'Số định danh', pattern: '^[0-9]{12}$' },
      },
    },
  },
};

describe('form pages from the procedure schema', () => {
  const pages = formPages(schema);

  it('orders pages and fields by `required`, then the rest, and picks an input for each', () => {
    expect(pages.map((page) => page.name)).toEqual(['applicant', 'details']);
    expect(pages[0]!.fields.map((field) => field.name)).toEqual([
      'fullName',
      'birthDate',
      'identityNumber',
      'phone',
      'email',
      'gender',
    ]);
    expect(pages[0]!.fields.map((field) => field.kind)).toEqual([
      'text',
      'date',
      'text',
      'text',
      'email',
      'select',
    ]);
    expect(pages[1]!.fields.find((field) => field.name === 'worksAddress')!.kind).toBe('textarea');
    expect(pages[1]!.fields.find((field) => field.name === 'floors')).toMatchObject({
      kind: 'integer',
      required: false,
      minimum: 1,
    });
    expect(formPages({})).toEqual([]);
  });

  it('checks values as the server will, with a reason per field', () => {
    const [applicant, details] = pages;
    expect(checkPage(applicant!, {})).toEqual({
      'applicant.fullName': { code: 'required' },
      'applicant.birthDate': { code: 'required' },
      'applicant.identityNumber': { code: 'required' },
      'applicant.phone': { code: 'required' },
    });
    const values = {
      applicant: {
        fullName: ' Võ Thị Ánh ',
        birthDate: '1990-02-30',
        identityNumber: '0721',
        phone: '09123',
        email: 'khong-hop-le',
        gender: 'Khác',
      },
    };
    expect(checkPage(applicant!, values)).toEqual({
      'applicant.birthDate': { code: 'date' },
      'applicant.identityNumber': { code: 'identity' },
      'applicant.phone': { code: 'phone' },
      'applicant.email': { code: 'email' },
      'applicant.gender': { code: 'enum' },
    });
    const floors = details!.fields.find((field) => field.name === 'floors')!;
    expect(checkField(floors, 0)).toEqual({ code: 'minimum', params: { limit: 1 } });
    expect(checkField(floors, 2.5)).toEqual({ code: 'integer' });
    expect(checkField(floors, '')).toBeNull();
    const area = details!.fields.find((field) => field.name === 'floorArea')!;
    expect(checkField(area, 0)).toEqual({ code: 'exclusiveMinimum', params: { limit: 0 } });
    expect(firstInvalidPage(pages, values)).toBe(0);
  });

  it('sends trimmed values without empty answers, and maps server errors to fields', () => {
    const values = {
      applicant: { fullName: ' Võ Thị Ánh ', email: '', phone: '0912345678' },
      details: { worksName: 'Nhà ở', floors: '3', floorArea: '' },
    };
    expect(cleanValues(pages, values)).toEqual({
      applicant: { fullName: 'Võ Thị Ánh', phone: '0912345678' },
      details: { worksName: 'Nhà ở', floors: 3 },
    });
    expect(fieldKeyOf('/formData/applicant/phone')).toBe('applicant.phone');
    expect(fieldKeyOf('/unitId')).toBeNull();
  });

  it('prefills the applicant from the account without overwriting answers', () => {
    const filled = prefill(
      pages,
      { applicant: { phone: '0999999999' } },
      { fullName: 'Võ Thị Ánh', email: 'anh@example.vn', phone: '0912345678' },
    );
    expect(filled.applicant).toEqual({
      fullName: 'Võ Thị Ánh',
      email: 'anh@example.vn',
      phone: '0999999999',
    });
  });

  it('refuses a date of birth after today in Vietnam (x-notFuture, as the server does)', () => {
    const birth = pages[0]!.fields.find((field) => field.name === 'birthDate')!;
    expect(birth.notFuture).toBe(true);
    expect(checkField(birth, '2026-03-10', '2026-03-10')).toBeNull();
    expect(checkField(birth, '1990-05-01', '2026-03-10')).toBeNull();
    expect(checkField(birth, '2026-03-11', '2026-03-10')).toEqual({ code: 'notFuture' });
    // A malformed date is reported as such, not as a future one.
    expect(checkField(birth, '2026-02-30', '2026-03-10')).toEqual({ code: 'date' });
    // Without the keyword, any valid date is accepted.
    expect(checkField({ ...birth, notFuture: false }, '2999-01-01', '2026-03-10')).toBeNull();
  });

  it('refuses a year of birth after the current year (x-notFuture on an integer)', () => {
    const year = { ...pages[0]!.fields[0]!, kind: 'integer' as const, notFuture: true, required: false };
    expect(checkField(year, 2026, '2026-03-10')).toBeNull();
    expect(checkField(year, 2027, '2026-03-10')).toEqual({ code: 'maximum', params: { limit: 2026 } });
  });

  it('counts today in Vietnam (UTC+7), whatever the browser clock zone', () => {
    expect(vietnamToday(new Date('2026-03-10T16:59:59Z'))).toBe('2026-03-10');
    expect(vietnamToday(new Date('2026-03-10T17:00:00Z'))).toBe('2026-03-11');
  });
});
