/**
 * Authorisation, case by case (the table-driven part is authz-routes.test.ts): one agency's files
 * kept from another, one citizen's from another, drafts to their owner, statistics of other units,
 * administrators and stronger accounts, and a task's sight ending with the task.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldActions, type DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import { problem } from './harness';
import {
  type UnitKey,
  UNIT_CODES,
  type PersonaKey,
  PERSONA_KEYS,
  type DossierFixture,
  call,
  fingerprint,
  world,
  setUp,
  tearDown,
} from './authz/world';
import { isOwner } from './authz/oracle';
import { period, check, type Case } from './authz/cases';
import { ROUTES } from './authz/routes';

describe('authorisation case by case', () => {
  let cases: Map<string, Case[]>;
  beforeAll(async () => {
    await setUp();
    cases = new Map(Object.entries(ROUTES).map(([route, spec]) => [route, spec.cases()]));
  }, 60_000);
  afterAll(tearDown);

  it('keeps agency X’s files, slips and result from officers of Y unless a task is routed to Y', async () => {
    const { D2, D3 } = world.dossiers;
    const result = D3.attachments.at(-1)!;
    for (const key of ['receivingY', 'specialistY', 'leaderY'] as const) {
      for (const url of [
        `/api/dossiers/${D3.code}/attachments/${D3.attachments[0]}`,
        `/api/dossiers/${D3.code}/attachments/${result}`,
        `/api/dossiers/${D3.code}/slips/receipt.pdf`,
        `/api/dossiers/${D3.code}/slips/control.pdf`,
        `/api/dossiers/${D3.code}`,
      ])
        expect({ key, url, status: (await call(key, { method: 'GET', url })).statusCode }).toEqual({
          key,
          url,
          status: 404,
        });
      // With the task routed to Y: the files and the receipt are Y's to read too.
      for (const url of [
        `/api/dossiers/${D2.code}/attachments/${D2.attachments[0]}`,
        `/api/dossiers/${D2.code}/attachments/${D2.attachments[1]}`,
        `/api/dossiers/${D2.code}/slips/receipt.pdf`,
      ]) {
        const response = await call(key, { method: 'GET', url });
        expect({ key, url, status: response.statusCode }).toEqual({ key, url, status: 200 });
      }
    }
    // The result file is the officers' at once, the applicant's once it is returned (fees paid).
    const fetchResult = (key: PersonaKey) =>
      call(key, { method: 'GET', url: `/api/dossiers/${D3.code}/attachments/${result}` });
    expect(D3.status).toBe('result_ready');
    expect((await fetchResult('receivingCentre')).statusCode).toBe(200);
    expect((await fetchResult('citizenB')).statusCode).toBe(404);
    const listed = await call('citizenB', { method: 'GET', url: `/api/dossiers/${D3.code}` });
    expect(listed.json<{ attachments: Array<{ id: number }> }>().attachments.map((a) => a.id)).not.toContain(
      result,
    );
  });

  it('keeps one citizen’s dossiers, files, slips and drafts from another citizen', async () => {
    const pairs: Array<[PersonaKey, DossierFixture]> = [
      ['citizenB', world.dossiers.D1],
      ['citizenB', world.dossiers.D2],
      ['citizenA', world.dossiers.D3],
      ['tokenA', world.dossiers.D4],
    ];
    for (const [key, d] of pairs) {
      const urls = [
        `/api/dossiers/${d.code}`,
        `/api/dossiers/${d.code}/events`,
        `/api/dossiers/${d.code}/history`,
        `/api/dossiers/${d.code}/process-control`,
        `/api/dossiers/${d.code}/allowed-actions`,
        ...d.attachments.map((id) => `/api/dossiers/${d.code}/attachments/${id}`),
        ...['receipt', 'control', 'supplement'].map((kind) => `/api/dossiers/${d.code}/slips/${kind}.pdf`),
      ];
      for (const url of urls) {
        const response = await call(key, { method: 'GET', url });
        expect({ key, url, status: response.statusCode }).toEqual({ key, url, status: 404 });
        expect(problem(response).code).toBe('not_found');
      }
    }
    for (const url of [
      `/api/drafts/${world.draft.id}`,
      `/api/drafts/${world.draft.id}/attachments/${world.draft.attachments[0]}`,
    ]) {
      expect((await call('citizenB', { method: 'GET', url })).statusCode).toBe(404);
      expect((await call('tokenA', { method: 'GET', url })).statusCode).toBe(200);
    }
    // The owner's own token reads the owner's dossiers and files.
    const own = world.dossiers.D2;
    expect(
      (await call('tokenA', { method: 'GET', url: `/api/dossiers/${own.code}/slips/receipt.pdf` }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await call('tokenA', {
          method: 'GET',
          url: `/api/dossiers/${own.code}/attachments/${own.attachments[0]}`,
        })
      ).statusCode,
    ).toBe(200);
  });

  it('keeps a draft, and its files, to its owner alone: no officer, not even the administrator', async () => {
    for (const [route, spec] of Object.entries(ROUTES)) {
      if (!route.includes('/api/drafts/{id}')) continue;
      for (const c of cases.get(route)!)
        for (const key of PERSONA_KEYS)
          if (!isOwner(key, world.draft.owner)) await check(route, spec, c, key);
    }
  });

  it('refuses statistics, reports and registers of units outside the officer’s units (403)', async () => {
    const cases: Array<[PersonaKey, UnitKey, number]> = [
      ['leaderX', 'X', 200],
      ['leaderX', 'Y', 403],
      ['leaderX', 'province', 403],
      ['leaderX', 'centre', 403],
      ['specialistY', 'Y', 200],
      ['specialistY', 'X', 403],
      ['unitAdminX', 'X', 200],
      ['unitAdminX', 'Y', 403],
      ['receivingCentre', 'centre', 200],
      ['receivingCentre', 'X', 403],
      ['provinceLeader', 'province', 200],
      ['provinceLeader', 'X', 200], // a subtree grant covers the units below
      ['systemAdmin', 'Y', 200],
      ['citizenA', 'X', 403],
      ['tokenA', 'province', 403],
    ];
    for (const [key, unit, status] of cases) {
      for (const path of [
        '/api/stats/report',
        '/api/stats/trend',
        '/api/stats/indicators',
        '/api/stats/report.xlsx',
      ]) {
        const response = await call(key, {
          method: 'GET',
          url: `${path}?unit=${UNIT_CODES[unit]}&${period()}`,
        });
        expect({ key, unit, path, status: response.statusCode }).toEqual({ key, unit, path, status });
      }
    }
    // The register is for one-stop officers, leaders and administrators: not for specialists.
    const register = (key: PersonaKey, unit: UnitKey) =>
      call(key, { method: 'GET', url: `/api/registers/dossiers.pdf?unit=${UNIT_CODES[unit]}&${period()}` });
    expect((await register('receivingCentre', 'centre')).statusCode).toBe(200);
    expect((await register('receivingCentre', 'X')).statusCode).toBe(403);
    expect((await register('specialistX', 'X')).statusCode).toBe(403);
    expect((await register('leaderY', 'centre')).statusCode).toBe(403);
  });

  it('lets no agency administrator take over a stronger account or widen a grant to units below', async () => {
    const adminId = world.userIds.admin!;
    const provinceLeaderId = world.userIds['lanhdao.tinh']!;
    const attempts: Array<[string, InjectOptions]> = [
      // The system administrator's primary unit is the province: within quantri.tinh's unit.
      [
        'reset the system administrator’s password',
        {
          method: 'PATCH',
          url: `/api/admin/users/${adminId}`,
          payload: { password: 'ChiemQuyen2026', reason: 'Kiểm thử phân quyền' },
        },
      ],
      [
        'disable the system administrator',
        {
          method: 'PATCH',
          url: `/api/admin/users/${adminId}`,
          payload: { status: 'disabled', reason: 'Kiểm thử phân quyền' },
        },
      ],
      [
        'reset the password of a leader over the whole province',
        {
          method: 'PATCH',
          url: `/api/admin/users/${provinceLeaderId}`,
          payload: { password: 'ChiemQuyen2026', reason: 'Kiểm thử phân quyền' },
        },
      ],
      [
        'revoke a role over every unit below',
        {
          method: 'POST',
          url: `/api/admin/role-grants/${world.grantOverProvince}/revoke`,
          payload: { reason: 'Kiểm thử phân quyền' },
        },
      ],
      [
        'grant oneself administration of every unit below',
        {
          method: 'POST',
          url: `/api/admin/users/${world.userIds['quantri.tinh']}/roles`,
          payload: { role: 'agency_admin', unitId: world.unitIds.province, includeSubtree: true },
        },
      ],
      [
        'grant a leader role over every unit below',
        {
          method: 'POST',
          url: `/api/admin/users/${world.userIds['quantri.tinh']}/roles`,
          payload: { role: 'leader', unitId: world.unitIds.province, includeSubtree: true },
        },
      ],
    ];
    for (const [what, request] of attempts) {
      const before = await fingerprint();
      const response = await call('unitAdminProvince', request);
      expect({ what, status: response.statusCode }).toEqual({ what, status: 403 });
      expect(problem(response).code).toBe('forbidden');
      expect(await fingerprint()).toBe(before);
    }
    // Within their reach the same administrator still works: a role in their own unit only (this
    // changes the world: the tests after this one do not use this persona).
    const own = await call('unitAdminProvince', {
      method: 'POST',
      url: `/api/admin/users/${world.userIds['quantri.tinh']}/roles`,
      payload: { role: 'leader', unitId: world.unitIds.province },
    });
    expect(own.statusCode).toBe(200);
  });

  it('takes Y’s sight of the dossier away once Y completes its task', async () => {
    const { D2 } = world.dossiers;
    const before = await call('specialistY', {
      method: 'GET',
      url: `/api/dossiers/${D2.code}/attachments/${D2.attachments[0]}`,
    });
    expect(before.statusCode).toBe(200);
    const events = (
      await call('systemAdmin', { method: 'GET', url: `/api/dossiers/${D2.code}/events` })
    ).json<{ events: DossierAction[] }>().events;
    const taskId = foldActions(events).openTasks[0]!.taskId;
    const done = await call('specialistY', {
      method: 'POST',
      url: `/api/dossiers/${D2.code}/actions`,
      payload: { type: 'complete-task', taskId, reason: 'Đã xác minh' },
    });
    expect(done.statusCode).toBe(200);
    for (const url of [
      `/api/dossiers/${D2.code}`,
      `/api/dossiers/${D2.code}/attachments/${D2.attachments[0]}`,
      `/api/dossiers/${D2.code}/slips/receipt.pdf`,
    ])
      expect({ url, status: (await call('specialistY', { method: 'GET', url })).statusCode }).toEqual({
        url,
        status: 404,
      });
    // X still handles it.
    expect((await call('specialistX', { method: 'GET', url: `/api/dossiers/${D2.code}` })).statusCode).toBe(
      200,
    );
  });
});
