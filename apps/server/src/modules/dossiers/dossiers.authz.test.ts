/**
 * Authorisation across roles × agencies × actions, generated rather than hand-picked: nobody reads
 * or acts on a dossier outside their role and units, an agency sees a dossier only while it holds
 * a task, a citizen sees only their own dossiers; a refused request changes nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, startTestApp, type Session, type TestContext } from '../../test/harness';
import { workingDaysFromNow } from '../../test/working-days';
import { DOSSIER_COMMANDS } from '@tayninh/domain/dossiers/commands';
import { PERMIT, permitForm } from '../../test/dossier-fixtures';

/** Who each account is, as the oracle knows it (independent of the server's policy code). */
const PEOPLE = {
  congdan: { citizen: true, units: [] as string[], roles: [] as string[] },
  congdan2: { citizen: true, units: [], roles: [] },
  tiepnhan: { citizen: false, units: ['centre'], roles: ['receiving_officer'] },
  chuyenvien: { citizen: false, units: ['justice'], roles: ['specialist'] },
  lanhdao: { citizen: false, units: ['justice'], roles: ['leader'] },
  'chuyenvien.xd': { citizen: false, units: ['construction'], roles: ['specialist'] },
  'lanhdao.xd': { citizen: false, units: ['construction'], roles: ['leader'] },
} as const;
type Person = keyof typeof PEOPLE;

interface Fixture {
  code: string;
  owner: Person;
  taskUnits: string[];
}

describe('dossier authorisation (property-based)', () => {
  let ctx: TestContext;
  const sessions = new Map<Person, Session>();
  const fixtures: Fixture[] = [];

  beforeAll(async () => {
    ctx = await startTestApp();
    for (const person of Object.keys(PEOPLE) as Person[]) sessions.set(person, await login(ctx.app, person));
    const submit = async (owner: Person) =>
      (
        await as(
          ctx.app,
          sessions.get(owner)!,
        )({
          method: 'POST',
          url: '/api/dossiers',
          payload: { procedureCode: PERMIT, channel: 'online', formData: permitForm },
        })
      ).json().code as string;
    const act = (person: Person, code: string, body: object) =>
      as(
        ctx.app,
        sessions.get(person)!,
      )({ method: 'POST', url: `/api/dossiers/${code}/actions`, payload: body });

    // 1. Waiting for reception. 2. Processing at Sở Xây dựng. 3. Processing with a task at Sở Tư pháp.
    fixtures.push({ code: await submit('congdan'), owner: 'congdan', taskUnits: [] });
    const processing = await submit('congdan2');
    await act('tiepnhan', processing, { type: 'accept' });
    fixtures.push({ code: processing, owner: 'congdan2', taskUnits: [] });
    const withTask = await submit('congdan');
    await act('tiepnhan', withTask, { type: 'accept' });
    const justice = (await ctx.app.inject({ method: 'GET', url: '/api/units?q=000.00.14.H53' })).json()
      .items[0].id;
    await act('chuyenvien.xd', withTask, {
      type: 'forward',
      unitId: justice,
      dueAt: await workingDaysFromNow(ctx.app, 5),
      task: 'Xác minh',
    });
    fixtures.push({ code: withTask, owner: 'congdan', taskUnits: ['justice'] });
  });
  afterAll(async () => ctx.close());

  /** The oracle: may this person see the dossier? */
  const maySee = (person: Person, fixture: Fixture) => {
    const who = PEOPLE[person];
    if (who.citizen) return person === fixture.owner;
    // Every fixture is received by the centre and handled by Sở Xây dựng.
    return who.units.some(
      (unit) => unit === 'centre' || unit === 'construction' || fixture.taskUnits.includes(unit),
    );
  };

  it('shows each dossier exactly to those who may see it', async () => {
    for (const person of Object.keys(PEOPLE) as Person[]) {
      for (const fixture of fixtures) {
        const response = await as(
          ctx.app,
          sessions.get(person)!,
        )({ method: 'GET', url: `/api/dossiers/${fixture.code}` });
        expect({ person, code: fixture.code, status: response.statusCode }).toEqual({
          person,
          code: fixture.code,
          status: maySee(person, fixture) ? 200 : 404,
        });
      }
    }
  });

  it('lists in queues only dossiers of the officer’s units', async () => {
    const justiceQueue = await as(
      ctx.app,
      sessions.get('chuyenvien')!,
    )({ method: 'GET', url: '/api/dossiers?queue=all&pageSize=100' });
    expect(justiceQueue.json().items.map((item: { code: string }) => item.code)).toEqual([fixtures[2]!.code]);
    const tasks = await as(
      ctx.app,
      sessions.get('chuyenvien')!,
    )({ method: 'GET', url: '/api/dossiers?queue=tasks' });
    expect(tasks.json().total).toBe(1);
    const toReceive = await as(
      ctx.app,
      sessions.get('tiepnhan')!,
    )({ method: 'GET', url: '/api/dossiers?queue=to_receive' });
    expect(toReceive.json().items.map((item: { code: string }) => item.code)).toEqual([fixtures[0]!.code]);
    const citizenQueue = await as(
      ctx.app,
      sessions.get('congdan')!,
    )({ method: 'GET', url: '/api/dossiers?queue=all' });
    expect(citizenQueue.statusCode).toBe(403);
  });

  it('refuses actions to anyone who may not see the dossier, and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(PEOPLE) as Person[])),
        fc.integer({ min: 0, max: fixtures.length - 1 }),
        fc.constantFrom(...DOSSIER_COMMANDS),
        async (person, index, type) => {
          const fixture = fixtures[index]!;
          if (maySee(person, fixture)) return; // allowed actors are exercised by the journey tests
          const before = await ctx.handle.db
            .selectFrom('dossiers')
            .select(['action_count', 'status'])
            .where('code', '=', fixture.code)
            .executeTakeFirstOrThrow();
          const response = await as(
            ctx.app,
            sessions.get(person)!,
          )({
            method: 'POST',
            url: `/api/dossiers/${fixture.code}/actions`,
            payload: {
              type,
              reason: 'thử',
              items: ['x'],
              assigneeId: 1,
              unitId: 1,
              task: 'x',
              amountVnd: 1,
              newDueAt: '2030-01-01T00:00:00Z',
              dueAt: '2030-01-01T00:00:00Z',
            },
          });
          expect(response.statusCode).toBe(404);
          const after = await ctx.handle.db
            .selectFrom('dossiers')
            .select(['action_count', 'status'])
            .where('code', '=', fixture.code)
            .executeTakeFirstOrThrow();
          expect(after).toEqual(before);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses actions outside the role even to those who may see the dossier', async () => {
    // Role table of the oracle: which roles may take which action at all.
    const roleMay: Record<string, readonly string[]> = {
      citizen: ['supplement', 'withdraw', 'rate'],
      receiving_officer: [
        'accept',
        'request-supplement',
        'refuse',
        'supplement',
        'return-result',
        'confirm-payment',
      ],
      specialist: [
        'assign',
        'forward',
        'complete-task',
        'request-supplement',
        'send-for-approval',
        'request-payment',
      ],
      leader: [
        'assign',
        'forward',
        'complete-task',
        'request-supplement',
        'send-for-approval',
        'request-payment',
        'approve',
        'reject',
        'apologize',
        'stop',
      ],
    };

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(PEOPLE) as Person[])),
        fc.integer({ min: 0, max: fixtures.length - 1 }),
        fc.constantFrom(...DOSSIER_COMMANDS),
        async (person, index, type) => {
          const fixture = fixtures[index]!;
          const who = PEOPLE[person];
          const roles = who.citizen ? ['citizen'] : who.roles;
          if (!maySee(person, fixture) || roles.some((role) => roleMay[role]!.includes(type))) return;
          const before = await ctx.handle.db
            .selectFrom('dossiers')
            .select(['action_count'])
            .where('code', '=', fixture.code)
            .executeTakeFirstOrThrow();
          const response = await as(
            ctx.app,
            sessions.get(person)!,
          )({
            method: 'POST',
            url: `/api/dossiers/${fixture.code}/actions`,
            payload: { type, reason: 'thử' },
          });
          expect({ person, type, status: response.statusCode }).toEqual({ person, type, status: 403 });
          const after = await ctx.handle.db
            .selectFrom('dossiers')
            .select(['action_count'])
            .where('code', '=', fixture.code)
            .executeTakeFirstOrThrow();
          expect(after).toEqual(before);
        },
      ),
      { numRuns: 150 },
    );
  });
});
