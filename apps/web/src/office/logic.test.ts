import { describe, expect, it } from 'vitest';
import type { DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import {
  applicantFromForm,
  DEFAULT_FILTERS,
  dueStanding,
  filtersToParams,
  formSections,
  missingDocuments,
  missingRequired,
  parseFilters,
  queuesFor,
  setValueAt,
  toggleSort,
  visibleActions,
  withFilter,
} from './logic';

const at = '2026-05-04T08:00:00.000Z';
const submitted: DossierAction = { type: 'submitted', at, channel: 'counter' };
const accepted: DossierAction = { type: 'accepted', at, dueAt: '2026-05-20T10:00:00.000Z' };
const action = (type: string) => ({ type, label: type });

describe('visibleActions', () => {
  it('keeps only the server’s actions that the shared lifecycle also allows now', () => {
    // Before receipt: accept, request-supplement, refuse (withdraw would be the applicant's).
    const server = ['accept', 'request-supplement', 'refuse'].map(action);
    expect(visibleActions([submitted], server).map((a) => a.type)).toEqual([
      'accept',
      'request-supplement',
      'refuse',
    ]);
    // A server answer out of date (still offering accept after receipt) is not shown.
    const stale = ['accept', 'assign', 'forward', 'send-for-approval'].map(action);
    expect(visibleActions([submitted, accepted], stale).map((a) => a.type)).toEqual([
      'assign',
      'forward',
      'send-for-approval',
    ]);
  });

  it('follows the lifecycle’s guards: no approval sent while an agency holds a task', () => {
    const forwarded: DossierAction = {
      type: 'forwarded',
      at,
      taskId: '6f1c1b8e-3c55-4d1e-9a53-2c1d7f1e0a11',
      unitId: 18,
      dueAt: '2026-05-10T10:00:00.000Z',
      task: 'Xác minh',
    };
    const server = ['forward', 'complete-task', 'send-for-approval'].map(action);
    expect(visibleActions([submitted, accepted, forwarded], server).map((a) => a.type)).toEqual([
      'forward',
      'complete-task',
    ]);
  });

  it('offers nothing for a history that does not fold, or a finished dossier', () => {
    expect(visibleActions([accepted], [action('assign')])).toEqual([]);
    const refused: DossierAction = { type: 'intake_refused', at, reason: 'Không thuộc thẩm quyền' };
    expect(visibleActions([submitted, refused], [action('accept')])).toEqual([]);
  });
});

describe('dueStanding', () => {
  it('colours by working time left, with a number for the words', () => {
    expect(dueStanding(null)).toEqual({ tone: 'none', days: 0, hours: 0 });
    expect(dueStanding(3 * 480)).toMatchObject({ tone: 'ok', days: 3 });
    expect(dueStanding(2 * 480 + 1)).toMatchObject({ tone: 'ok', days: 3 });
    expect(dueStanding(480)).toMatchObject({ tone: 'soon', days: 1 });
    expect(dueStanding(90)).toMatchObject({ tone: 'soon', days: 1, hours: 2 });
    expect(dueStanding(0)).toMatchObject({ tone: 'overdue', days: 0 });
    expect(dueStanding(-30)).toMatchObject({ tone: 'overdue', days: 1, hours: 1 });
    expect(dueStanding(-2 * 480)).toMatchObject({ tone: 'overdue', days: 2 });
    expect(dueStanding(-2 * 420, 420)).toMatchObject({ tone: 'overdue', days: 2 });
  });
});

describe('queue filters in the URL', () => {
  const statuses = ['processing', 'submitted'];
  it('round-trips, leaving defaults out', () => {
    const filters = {
      ...DEFAULT_FILTERS,
      q: 'Bình',
      channel: 'counter',
      receivedFrom: '2026-05-01',
      sort: 'code' as const,
      order: 'desc' as const,
      page: 3,
    };
    const params = filtersToParams(filters);
    expect(params.toString()).toBe(
      'q=B%C3%ACnh&channel=counter&receivedFrom=2026-05-01&sort=code&order=desc&page=3',
    );
    expect(parseFilters(params, statuses)).toEqual(filters);
    expect(filtersToParams(DEFAULT_FILTERS).toString()).toBe('');
  });
  it('drops what a hand-edited URL gets wrong', () => {
    const parsed = parseFilters(
      new URLSearchParams('sort=id;drop&order=up&status=nope&channel=fax&page=-2&receivedTo=01/05/2026'),
      statuses,
    );
    expect(parsed).toEqual(DEFAULT_FILTERS);
  });
  it('goes back to page 1 when a filter changes, and flips the order on the same column', () => {
    const onPage3 = { ...DEFAULT_FILTERS, page: 3 };
    expect(withFilter(onPage3, { status: 'processing' }).page).toBe(1);
    expect(withFilter(onPage3, { page: 4 }).page).toBe(4);
    expect(toggleSort(DEFAULT_FILTERS, 'dueAt')).toMatchObject({ sort: 'dueAt', order: 'desc' });
    expect(toggleSort(DEFAULT_FILTERS, 'code')).toMatchObject({ sort: 'code', order: 'asc' });
  });
});

describe('queues', () => {
  it('gives each role its queues and starts with the first one holding work', () => {
    expect(queuesFor(['receiving_officer'])).toEqual([
      'to_receive',
      'to_return',
      'due_soon',
      'overdue',
      'all',
    ]);
    expect(queuesFor(['citizen'])).toEqual([]);
  });
});

describe('counter intake', () => {
  const schema = {
    type: 'object',
    required: ['applicant', 'details'],
    properties: {
      applicant: {
        type: 'object',
        title: 'Thông tin người nộp hồ sơ',
        required: ['fullName', 'birthDate'],
        properties: {
          fullName: { type: 'string', title: 'Họ, chữ đệm và tên' },
          birthDate: { type: 'string', format: 'date', title: 'Ngày sinh', 'x-notFuture': true },
          email: { type: 'string', title: 'Thư điện tử' },
        },
      },
      details: {
        type: 'object',
        title: 'Thông tin công trình',
        properties: {
          floors: { type: 'integer', title: 'Số tầng' },
          gender: { type: 'string', enum: ['Nam', 'Nữ'], title: 'Giới tính' },
          request: { type: 'string', maxLength: 2000, title: 'Nội dung' },
        },
      },
    },
  };
  it('reads the form’s sections and fields with their labels and kinds', () => {
    const sections = formSections(schema);
    expect(sections.map((s) => s.title)).toEqual(['Thông tin người nộp hồ sơ', 'Thông tin công trình']);
    expect(sections[0]!.fields.map((f) => [f.pointer, f.kind, f.required])).toEqual([
      ['/applicant/fullName', 'text', true],
      ['/applicant/birthDate', 'date', true],
      ['/applicant/email', 'text', false],
    ]);
    expect(sections[1]!.fields.map((f) => f.kind)).toEqual(['integer', 'select', 'textarea']);
    // The date of birth cannot be picked after today (the date picker's maxDate).
    expect(sections[0]!.fields.map((f) => f.notFuture ?? false)).toEqual([false, true, false]);
    let data = setValueAt({}, ['applicant', 'fullName'], 'Trần Văn Bình');
    expect(missingRequired(sections, data).map((f) => f.pointer)).toEqual(['/applicant/birthDate']);
    data = setValueAt(data, ['applicant', 'email'], '');
    expect(data).toEqual({ applicant: { fullName: 'Trần Văn Bình' } });
    expect(
      applicantFromForm({ applicant: { fullName: ' Trần Văn Bình ', phone: '0912345678', birthDate: 'x' } }),
    ).toEqual({
      fullName: 'Trần Văn Bình',
      phone: '0912345678',
    });
  });
  it('pre-fills the supplement notice with the required documents of the case not received', () => {
    const doc = (code: string, name: string, extra: object = {}) => ({
      code,
      name,
      required: true,
      originals: 1,
      copies: 0,
      ...extra,
    });
    const documents = [
      doc('tp1', 'Đơn đề nghị', { channels: ['counter', 'post'] }),
      doc('tp2', 'Bản vẽ'),
      doc('tp3', 'Ảnh', { required: false }),
      doc('tp4', 'Văn bản ủy quyền', { cases: ['uy-quyen'] }),
    ];
    const counter = { cases: ['tu-nop'], channel: 'counter' as const };
    expect(missingDocuments(documents, counter, new Set(['tp1']))).toEqual(['Bản vẽ']);
    expect(missingDocuments(documents, { ...counter, cases: ['uy-quyen'] }, new Set())).toEqual([
      'Đơn đề nghị',
      'Bản vẽ',
      'Văn bản ủy quyền',
    ]);
    expect(missingDocuments(documents, { ...counter, channel: 'online' }, new Set())).toEqual(['Bản vẽ']);
  });
});

describe('dates typed by hand', () => {
  it('reads dd/mm/yyyy and refuses impossible dates', async () => {
    const { parseVietnameseDate, endOfWorkingDay } = await import('./logic');
    expect(parseVietnameseDate('5/12/2026')).toBe('2026-12-05');
    expect(parseVietnameseDate('31/02/2026')).toBeNull();
    expect(parseVietnameseDate('2026-12-05')).toBe('2026-12-05');
    expect(parseVietnameseDate('hôm nay')).toBeNull();
    expect(endOfWorkingDay('2026-12-05')).toBe('2026-12-05T10:00:00.000Z');
  });
});
