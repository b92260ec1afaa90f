/**
 * Officer queues: server-side filters, allow-listed sorting, pagination, the working time left
 * (working calendar, not wall clock), counts per queue, and agency isolation in every queue. Also
 * the small officer reads (recorded events, assignable specialists) and inline attachments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, problem, startTestApp, type Session, type TestContext } from '../../test/harness';
import { multipart, PDF, PERMIT, permitForm, submitPermit } from '../../test/dossier-fixtures';
import { DEFAULT_OFFICE_HOURS, officialCalendar } from '../calendar';
import { vietnamDate, addDays, formatVietnamIso } from '../../lib/time';
import { workingDaysFromNow } from '../../test/working-days';
import { foldActions, type DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import { QUEUES, remainingWorkingMinutes } from './queues';

interface QueueAnswer {
  items: Array<{
    code: string;
    applicantName: string;
    channel: string;
    status: string;
    submittedAt: string | null;
    receivedAt: string | null;
    dueAt: string | null;
    remainingWorkingMinutes: number | null;
    task: { dueAt: string; overdue: boolean; remainingWorkingMinutes: number | null } | null;
  }>;
  total: number;
  page: number;
  pageSize: number;
  workingMinutesPerDay: number;
}

describe('remainingWorkingMinutes', () => {
  const calendar = officialCalendar();
  const at = (iso: string) => new Date(iso);
  it('counts office hours on working days only, negative once overdue, null when the clock stops', () => {
    // Friday 16:00 → Monday 08:00: one hour on Friday, one on Monday; the weekend does not count.
    expect(
      remainingWorkingMinutes(
        'processing',
        at('2026-05-11T08:00:00+07:00'),
        at('2026-05-08T16:00:00+07:00'),
        calendar,
        DEFAULT_OFFICE_HOURS,
      ),
    ).toBe(120);
    expect(
      remainingWorkingMinutes(
        'pending_approval',
        at('2026-05-08T16:00:00+07:00'),
        at('2026-05-11T08:00:00+07:00'),
        calendar,
        DEFAULT_OFFICE_HOURS,
      ),
    ).toBe(-120);
    // Over the 30 April / 1 May holidays (Thursday, Friday): only Wednesday afternoon's last hour.
    expect(
      remainingWorkingMinutes(
        'processing',
        at('2026-05-04T07:00:00+07:00'),
        at('2026-04-29T16:00:00+07:00'),
        calendar,
        DEFAULT_OFFICE_HOURS,
      ),
    ).toBe(60);
    for (const status of ['submitted', 'supplement_requested', 'awaiting_payment', 'returned'] as const)
      expect(
        remainingWorkingMinutes(
          status,
          at('2026-05-11T08:00:00+07:00'),
          new Date(),
          calendar,
          DEFAULT_OFFICE_HOURS,
        ),
      ).toBeNull();
  });
});

describe('officer queues', () => {
  let ctx: TestContext;
  let citizen: Session;
  let reception: Session;
  let construction: Session;
  let constructionLeader: Session;
  let justice: Session;
  const codes: string[] = [];

  const get = <T = QueueAnswer>(session: Session, url: string) =>
    as(
      ctx.app,
      session,
    )({ method: 'GET', url }).then((response) => {
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
      return response.json<T>();
    });
  const act = (session: Session, code: string, body: object) =>
    as(ctx.app, session)({ method: 'POST', url: `/api/dossiers/${code}/actions`, payload: body });
  const counter = async (fullName: string) => {
    const response = await as(
      ctx.app,
      reception,
    )({
      method: 'POST',
      url: '/api/dossiers',
      payload: {
        procedureCode: PERMIT,
        channel: 'counter',
        formData: { ...permitForm, applicant: { ...permitForm.applicant, fullName } },
        applicant: { fullName, phone: '0912345678' },
      },
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ code: string }>().code;
  };

  beforeAll(async () => {
    ctx = await startTestApp();
    citizen = await login(ctx.app, 'congdan');
    reception = await login(ctx.app, 'tiepnhan');
    construction = await login(ctx.app, 'chuyenvien.xd');
    constructionLeader = await login(ctx.app, 'lanhdao.xd');
    justice = await login(ctx.app, 'chuyenvien');
    // 0: online, waiting; 1, 2: counter, accepted (processing); 3: counter, waiting.
    codes.push(await submitPermit(ctx.app, citizen));
    codes.push(await counter('Trần Văn Bình'));
    codes.push(await counter('Lê Thị Cúc'));
    codes.push(await counter('Phạm 100%_Đặc biệt'));
    for (const code of [codes[1]!, codes[2]!])
      expect((await act(reception, code, { type: 'accept' })).statusCode).toBe(200);
  });
  afterAll(async () => ctx.close());

  it('filters on the server: text (code prefix or name, wildcards literal), channel, status, procedure, received dates', async () => {
    const byName = await get(reception, '/api/dossiers?queue=all&q=' + encodeURIComponent('thị cúc'));
    expect(byName.items.map((item) => item.code)).toEqual([codes[2]]);
    const byCode = await get(reception, `/api/dossiers?queue=all&q=${codes[1]!.toLowerCase()}`);
    expect(byCode.items.map((item) => item.code)).toContain(codes[1]);
    expect(byCode.items.map((item) => item.code)).not.toContain(codes[2]);
    expect((await get(reception, '/api/dossiers?queue=all&q=' + encodeURIComponent('100%_'))).total).toBe(1);
    expect((await get(reception, '/api/dossiers?queue=all&q=' + encodeURIComponent('%c'))).total).toBe(0);
    const online = await get(reception, '/api/dossiers?queue=all&channel=online');
    expect(online.items.map((item) => item.code)).toEqual([codes[0]]);
    const processing = await get(reception, '/api/dossiers?queue=all&status=processing');
    expect(processing.items.map((item) => item.code).sort()).toEqual([codes[1], codes[2]].sort());
    expect((await get(reception, `/api/dossiers?queue=all&procedureCode=${PERMIT}`)).total).toBe(4);
    expect((await get(reception, '/api/dossiers?queue=all&procedureCode=1.000288')).total).toBe(0);
    const today = vietnamDate(new Date());
    const received = await get(
      reception,
      `/api/dossiers?queue=all&receivedFrom=${today}&receivedTo=${today}`,
    );
    expect(received.total).toBe(2);
    expect((await get(reception, `/api/dossiers?queue=all&receivedTo=${addDays(today, -1)}`)).total).toBe(0);
    expect((await get(reception, `/api/dossiers?queue=all&receivedFrom=${addDays(today, 1)}`)).total).toBe(0);
  });

  it('sorts by an allow-listed key only, and pages', async () => {
    const asc = await get(reception, '/api/dossiers?queue=all&sort=code&order=asc');
    const desc = await get(reception, '/api/dossiers?queue=all&sort=code&order=desc');
    expect(asc.items.map((item) => item.code)).toEqual([...codes].sort());
    expect(desc.items.map((item) => item.code)).toEqual([...codes].sort().reverse());
    const received = await get(reception, '/api/dossiers?queue=all&sort=receivedAt&order=desc');
    // Not yet received sorts last whatever the order.
    expect(received.items.slice(2).every((item) => item.receivedAt === null)).toBe(true);
    const pages = [1, 2].map((page) =>
      get(reception, `/api/dossiers?queue=all&sort=code&pageSize=3&page=${page}`),
    );
    const [first, second] = await Promise.all(pages);
    expect(first!.total).toBe(4);
    expect([...first!.items, ...second!.items].map((item) => item.code)).toEqual([...codes].sort());
    for (const bad of [
      'sort=due_at',
      'sort=dossiers.id%3Bdrop',
      'order=sideways',
      'status=nope',
      'receivedFrom=2026-13-01',
    ])
      expect(
        problem(await as(ctx.app, reception)({ method: 'GET', url: `/api/dossiers?queue=all&${bad}` }))
          .status,
      ).toBe(400);
  });

  it('gives the working time left while the clock runs, and the length of a working day', async () => {
    const answer = await get(construction, '/api/dossiers?queue=to_process');
    expect(answer.workingMinutesPerDay).toBe(480);
    expect(answer.items).toHaveLength(2);
    for (const item of answer.items) {
      // The permit's period is counted in working days: close to whole working days of 480 minutes.
      expect(item.remainingWorkingMinutes).toBeGreaterThan(0);
      expect(item.remainingWorkingMinutes! % 480 === 0 || item.remainingWorkingMinutes! > 480).toBe(true);
    }
    const waiting = await get(reception, '/api/dossiers?queue=to_receive');
    expect(waiting.items.every((item) => item.remainingWorkingMinutes === null)).toBe(true);
  });

  it('counts each queue for the signed-in officer', async () => {
    const counts = await get<Record<string, number>>(reception, '/api/dossiers/queue-counts');
    expect(Object.keys(counts).sort()).toEqual([...QUEUES].sort());
    expect(counts).toMatchObject({ to_receive: 2, to_process: 0, to_return: 0, all: 4 });
    const handling = await get<Record<string, number>>(construction, '/api/dossiers/queue-counts');
    expect(handling).toMatchObject({ to_receive: 0, to_process: 2, all: 4 });
    const citizenAnswer = await as(ctx.app, citizen)({ method: 'GET', url: '/api/dossiers/queue-counts' });
    expect(citizenAnswer.statusCode).toBe(403);
  });

  it('never shows an agency another agency’s dossiers, in any queue, until it holds a task', async () => {
    for (const queue of QUEUES) {
      const answer = await get(justice, `/api/dossiers?queue=${queue}&pageSize=200`);
      expect({ queue, total: answer.total }).toEqual({ queue, total: 0 });
    }
    expect(Object.values(await get<Record<string, number>>(justice, '/api/dossiers/queue-counts'))).toEqual(
      QUEUES.map(() => 0),
    );
    const units = await ctx.app.inject({ method: 'GET', url: '/api/units?q=000.00.14.H53' });
    const justiceId = units.json().items[0].id as number;
    const taskDueAt = await workingDaysFromNow(ctx.app, 2);
    const forwarded = await act(construction, codes[1]!, {
      type: 'forward',
      unitId: justiceId,
      dueAt: taskDueAt,
      task: 'Xác minh hồ sơ',
    });
    expect(forwarded.statusCode).toBe(200);
    for (const queue of QUEUES) {
      const answer = await get(justice, `/api/dossiers?queue=${queue}&pageSize=200`);
      const expected = ['tasks', 'all'].includes(queue) ? [codes[1]] : [];
      expect({ queue, codes: answer.items.map((item) => item.code) }).toEqual({ queue, codes: expected });
    }
    // The tasks queue is about the task: its deadline, not the dossier's appointment.
    const [task] = (await get(justice, '/api/dossiers?queue=tasks')).items;
    expect(task!.task).toMatchObject({ dueAt: formatVietnamIso(new Date(taskDueAt)), overdue: false });
    expect(task!.task!.dueAt).not.toBe(task!.dueAt);
    expect(task!.task!.remainingWorkingMinutes).toBeGreaterThan(0);
    expect(task!.task!.remainingWorkingMinutes).toBeLessThan(task!.remainingWorkingMinutes!);
    expect((await get(justice, '/api/dossiers?queue=all')).items[0]!.task).toBeNull();
  });

  it('keeps a dossier not yet received without a receipt date, beside its submission time', async () => {
    const waiting = await get(reception, '/api/dossiers?queue=to_receive');
    expect(waiting.items.length).toBeGreaterThan(0);
    for (const item of waiting.items)
      expect(item).toMatchObject({ receivedAt: null, submittedAt: expect.any(String) });
  });

  it('returns the recorded events, which fold to the dossier’s status', async () => {
    const events = await get<{ events: DossierAction[] }>(construction, `/api/dossiers/${codes[1]}/events`);
    expect(events.events.map((event) => event.type)).toEqual(['submitted', 'accepted', 'forwarded']);
    expect(events.events[2]).toMatchObject({ unitId: expect.any(Number), task: 'Xác minh hồ sơ' });
    expect(foldActions(events.events).status).toBe('processing');
    const stranger = await as(ctx.app, justice)({ method: 'GET', url: `/api/dossiers/${codes[2]}/events` });
    expect(stranger.statusCode).toBe(404);
  });

  it('lists a dossier whose inter-agency task came back in the handling unit’s “returned” queue', async () => {
    const before = await get<{ items: Array<{ code: string }> }>(
      construction,
      '/api/dossiers?queue=tasks_returned&pageSize=200',
    );
    expect(before.items.map((item) => item.code)).not.toContain(codes[1]);
    const done = await act(justice, codes[1]!, { type: 'complete-task', reason: 'Đã xác minh' });
    expect(done.statusCode).toBe(200);
    const after = await get<{ items: Array<{ code: string }> }>(
      construction,
      '/api/dossiers?queue=tasks_returned&pageSize=200',
    );
    expect(after.items.map((item) => item.code)).toContain(codes[1]);
    // The other agency no longer holds a task, so it sees nothing of it.
    const justiceView = await get<{ items: Array<{ code: string }> }>(
      justice,
      '/api/dossiers?queue=tasks_returned&pageSize=200',
    );
    expect(justiceView.items).toEqual([]);
  });

  it('lists the specialists of the handling unit to those who may assign', async () => {
    const answer = await get<{ items: Array<{ id: number; username: string }> }>(
      constructionLeader,
      `/api/dossiers/${codes[2]}/assignees`,
    );
    expect(answer.items.map((user) => user.username)).toEqual(['chuyenvien.xd']);
    const assigned = await act(constructionLeader, codes[2]!, {
      type: 'assign',
      assigneeId: answer.items[0]!.id,
    });
    expect(assigned.statusCode).toBe(200);
    expect(
      (await as(ctx.app, reception)({ method: 'GET', url: `/api/dossiers/${codes[2]}/assignees` }))
        .statusCode,
    ).toBe(403);
    expect(
      (await as(ctx.app, justice)({ method: 'GET', url: `/api/dossiers/${codes[2]}/assignees` })).statusCode,
    ).toBe(404);
  });

  it('serves PDF and images inline (viewable in a new tab)', async () => {
    const body = multipart('Bản vẽ.pdf', PDF);
    const uploaded = await as(
      ctx.app,
      reception,
    )({
      method: 'POST',
      url: `/api/dossiers/${codes[3]}/attachments`,
      payload: body.payload,
      headers: body.headers,
    });
    expect(uploaded.statusCode).toBe(201);
    const file = await as(
      ctx.app,
      reception,
    )({ method: 'GET', url: `/api/dossiers/${codes[3]}/attachments/${uploaded.json().id}` });
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(
      `inline; filename*=UTF-8''${encodeURIComponent('Bản vẽ.pdf')}`,
    );
    expect(file.headers['x-content-type-options']).toBe('nosniff');
  });
});
