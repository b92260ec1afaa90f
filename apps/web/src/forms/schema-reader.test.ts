import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formSections } from '../office/logic';
import { formPages } from '../portal/submit/schema-form';
import { orderedKeys, readForm } from './schema-reader';

/** As the server returns it: jsonb sorts keys by length, so the written order is gone. */
const schema = {
  type: 'object',
  required: ['applicant', 'details'],
  properties: {
    details: {
      type: 'object',
      title: 'Thông tin công trình',
      required: ['worksName'],
      properties: {
        floors: { type: 'integer', title: 'Số tầng', minimum: 1 },
        site: {
          type: 'object',
          required: ['parcel'],
          properties: { parcel: { type: 'string', title: 'Thửa đất số' }, sheet: { type: 'string' } },
        },
        worksName: { type: 'string', title: 'Tên công trình', minLength: 1 },
        worksNote: { type: 'string', title: 'Ghi chú', maxLength: 2000 },
      },
    },
    applicant: {
      type: 'object',
      title: 'Thông tin người nộp hồ sơ',
      description: 'Theo giấy tờ tùy thân',
      required: ['fullName', 'birthDate'],
      'x-order': ['fullName', 'identityNumber', 'birthDate'],
      properties: {
        email: { type: 'string', title: 'Thư điện tử', format: 'email' },
        gender: { type: 'string', title: 'Giới tính', enum: ['Nam', 'Nữ'] },
        fullName: { type: 'string', title: 'Họ, chữ đệm và tên' },
        birthDate: { type: 'string', title: 'Ngày sinh', format: 'date', 'x-notFuture': true },
        identityNumber: { type: 'string', title: 'Số định danh', pattern: '^[0-9]{12}$' },
      },
    },
  },
};

describe('reading a form schema', () => {
  const sections = readForm(schema);

  it('orders by x-order, then required, then the rest', () => {
    expect(sections.map((section) => section.name)).toEqual(['applicant', 'details']);
    expect(sections[0]!.fields.map((field) => field.name)).toEqual([
      'fullName',
      'identityNumber',
      'birthDate',
      'email',
      'gender',
    ]);
    expect(sections[1]!.fields.map((field) => field.key)).toEqual([
      'details.worksName',
      'details.floors',
      'details.site.parcel',
      'details.site.sheet',
      'details.worksNote',
    ]);
  });

  it('gives each field its label, kind, requirement, limits and pointer', () => {
    expect(sections[0]).toMatchObject({
      title: 'Thông tin người nộp hồ sơ',
      description: 'Theo giấy tờ tùy thân',
    });
    expect(sections[0]!.fields.map((field) => [field.title, field.kind, field.required])).toEqual([
      ['Họ, chữ đệm và tên', 'text', true],
      ['Số định danh', 'text', false],
      ['Ngày sinh', 'date', true],
      ['Thư điện tử', 'email', false],
      ['Giới tính', 'select', false],
    ]);
    expect(sections[0]!.fields[2]).toMatchObject({ pointer: '/applicant/birthDate', notFuture: true });
    expect(sections[0]!.fields[4]!.options).toEqual(['Nam', 'Nữ']);
    const [worksName, floors, parcel, sheet, note] = sections[1]!.fields;
    expect(worksName).toMatchObject({ required: true, minLength: 1 });
    expect(floors).toMatchObject({ kind: 'integer', minimum: 1, required: false });
    expect(parcel).toMatchObject({
      path: ['details', 'site', 'parcel'],
      pointer: '/details/site/parcel',
      required: true,
    });
    expect(sheet).toMatchObject({ title: 'sheet', required: false, page: 'details', name: 'site.sheet' });
    expect(note!.kind).toBe('textarea');
  });

  it('gathers top-level plain properties in an untitled first section, and reads nothing from nothing', () => {
    const loose = readForm({
      type: 'object',
      required: ['note'],
      properties: {
        page: { type: 'object', properties: {} },
        note: { type: 'string' },
        empty: { type: 'object' },
      },
    });
    expect(loose.map((section) => [section.name, section.fields.map((field) => field.pointer)])).toEqual([
      ['', ['/note']],
      ['page', []],
    ]);
    expect(loose[0]!.fields[0]).toMatchObject({ page: '', name: 'note', key: 'note', required: true });
    expect(readForm({})).toEqual([]);
    expect(readForm(null)).toEqual([]);
    expect(readForm({ properties: [] })).toEqual([]);
  });

  it('lists every property once, the x-order ones first in that order, then the required ones', () => {
    const name = fc.constantFrom('a', 'bb', 'c', 'dd', 'e', 'ff', 'g');
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { minLength: 0, maxLength: 7 }),
        fc.array(name, { maxLength: 8 }),
        fc.array(name, { maxLength: 8 }),
        (keys, xOrder, required) => {
          const object = {
            properties: Object.fromEntries(keys.map((key) => [key, {}])),
            required,
            'x-order': xOrder,
          };
          const order = orderedKeys(object);
          expect([...order].sort()).toEqual([...keys].sort());
          const listed = [...new Set(xOrder.filter((key) => keys.includes(key)))];
          expect(order.slice(0, listed.length)).toEqual(listed);
          const then = [...new Set(required.filter((key) => keys.includes(key) && !listed.includes(key)))];
          expect(order.slice(listed.length, listed.length + then.length)).toEqual(then);
        },
      ),
    );
  });

  it('is the same for the online wizard and the counter, on every official form of the seed', () => {
    const seed = JSON.parse(
      readFileSync(new URL('../../../server/src/db/seed/data/procedure-forms.json', import.meta.url), 'utf8'),
    ) as { procedures: Array<{ formSchema?: unknown }> };
    const forms = seed.procedures.map((procedure) => procedure.formSchema).filter(Boolean);
    expect(forms.length).toBeGreaterThan(5);
    for (const form of [schema, ...forms]) {
      const pointers = (sections: Array<{ fields: Array<{ pointer: string }> }>) =>
        sections.map((section) => section.fields.map((field) => field.pointer));
      expect(pointers(formPages(form))).toEqual(pointers(formSections(form)));
      // An official form's explicit order is followed exactly.
      for (const section of readForm(form)) {
        const node = (form as { properties: Record<string, { 'x-order'?: string[] }> }).properties[
          section.name
        ];
        const explicit = node?.['x-order'];
        if (explicit)
          expect(section.fields.map((field) => field.name).slice(0, explicit.length)).toEqual(explicit);
      }
    }
  });
});
