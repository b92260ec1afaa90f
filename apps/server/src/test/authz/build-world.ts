/** Builds the authorisation test's world through the API (and the owners' functions). */
import { correctDossier } from '../../modules/dossiers';
import { allowedCommands } from '@tayninh/domain/dossiers/commands';
import { foldActions, type DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import { unitPath } from '../../modules/org';
import { unitByCode } from '../dossier-history';
import { multipart, PDF, PERMIT, submitPermit } from '../dossier-fixtures';
import { as, login, TEST_PASSWORD, type Session } from '../harness';
import { workingDaysFromNow } from '../working-days';
import {
  type UnitKey,
  UNIT_CODES,
  UNIT_KEYS,
  type PersonaKey,
  PERSONA_KEYS,
  persona,
  type DossierKey,
  type DossierFixture,
  type World,
  dossierRowId,
  evidenceEntryId,
  ctx,
} from './world';
import { buildDocuments } from './build-documents';

export async function buildWorld(): Promise<World> {
  const db = ctx.handle.db;
  const unitIds = {} as Record<UnitKey, number>;
  const paths = {} as Record<UnitKey, number[]>;
  for (const key of UNIT_KEYS) {
    unitIds[key] = await unitByCode(db, UNIT_CODES[key]);
    paths[key] = await unitPath(db, unitIds[key]);
  }

  const admin = await login(ctx.app, 'admin');
  const asAdmin = as(ctx.app, admin);
  let grantAtY = 0;
  let grantOverProvince = 0;
  for (const key of PERSONA_KEYS) {
    const p = persona(key);
    if (!p.create || !p.username) continue;
    const created = await asAdmin({
      method: 'POST',
      url: '/api/admin/users',
      payload: {
        username: p.username,
        fullName: p.create.fullName,
        kind: 'officer',
        primaryUnitId: unitIds[p.create.primary],
        password: TEST_PASSWORD,
      },
    });
    if (created.statusCode !== 201) throw new Error(`create ${p.username}: ${created.body}`);
    for (const grant of p.grants) {
      const granted = await asAdmin({
        method: 'POST',
        url: `/api/admin/users/${created.json().id}/roles`,
        payload: { role: grant.role, unitId: unitIds[grant.unit], includeSubtree: grant.subtree ?? false },
      });
      if (granted.statusCode !== 200) throw new Error(`grant ${p.username}: ${granted.body}`);
      const grantId = granted.json<{ roles: Array<{ id: number }> }>().roles.at(-1)!.id;
      if (grant.unit === 'Y') grantAtY = grantId;
      if (grant.unit === 'province' && grant.subtree) grantOverProvince = grantId;
    }
  }

  const sessions = new Map<PersonaKey, Session>();
  const userIds: Record<string, number> = {};
  for (const key of PERSONA_KEYS) {
    const p = persona(key);
    if (!p.username || p.token) continue;
    const session = await login(ctx.app, p.username);
    sessions.set(key, session);
    userIds[p.username] = session.userId;
  }
  const session = (key: PersonaKey) => sessions.get(key)!;
  const token = await as(
    ctx.app,
    session('citizenA'),
  )({
    method: 'POST',
    url: '/api/auth/tokens',
    payload: { name: 'Ứng dụng của công dân A' },
  });
  const act = async (key: PersonaKey, code: string, body: object) => {
    const response = await as(
      ctx.app,
      session(key),
    )({ method: 'POST', url: `/api/dossiers/${code}/actions`, payload: body });
    if (response.statusCode !== 200) throw new Error(`${key} ${JSON.stringify(body)}: ${response.body}`);
  };
  const upload = async (key: PersonaKey, url: string, name: string) => {
    // Distinct bytes for every file: identical content could be taken for a repeated upload.
    const body = multipart(name, Buffer.concat([PDF, Buffer.from(`% ${url} ${name}\n`)]), 'application/pdf');
    const response = await as(
      ctx.app,
      session(key),
    )({ method: 'POST', url, payload: body.payload, headers: body.headers });
    if (response.statusCode !== 201) throw new Error(`upload ${key} ${url}: ${response.body}`);
    return response.json<{ id: number }>().id;
  };

  // The draft of citizen A, with a file.
  const draft = await as(
    ctx.app,
    session('citizenA'),
  )({ method: 'POST', url: '/api/drafts', payload: { procedureCode: PERMIT } });
  const draftId = draft.json<{ id: number }>().id;
  const draftFile = await upload('citizenA', `/api/drafts/${draftId}/attachments`, 'ban-nhap.pdf');

  // D1: A's dossier waiting for reception, with A's file.
  const d1 = await submitPermit(ctx.app, session('citizenA'));
  const d1Files = [await upload('citizenA', `/api/dossiers/${d1}/attachments`, 'don-de-nghi.pdf')];

  // D2: A's dossier received, handled by X, with a task routed to Y; a working file of X.
  const d2 = await submitPermit(ctx.app, session('citizenA'));
  const d2Files = [await upload('citizenA', `/api/dossiers/${d2}/attachments`, 'ban-ve.pdf')];
  await act('receivingCentre', d2, { type: 'accept' });
  await act('specialistX', d2, {
    type: 'forward',
    unitId: unitIds.Y,
    dueAt: await workingDaysFromNow(ctx.app, 5),
    task: 'Xác minh giấy tờ',
  });
  d2Files.push(await upload('specialistX', `/api/dossiers/${d2}/attachments`, 'to-trinh.pdf'));

  // D3: B's dossier with a result, handled by X, no task; the result file attached by the centre.
  const d3 = await submitPermit(ctx.app, session('citizenB'));
  const d3Files = [await upload('citizenB', `/api/dossiers/${d3}/attachments`, 'don.pdf')];
  await act('receivingCentre', d3, { type: 'accept' });
  await act('leaderX', d3, { type: 'assign', assigneeId: userIds['chuyenvien.xd'] });
  await act('specialistX', d3, { type: 'send-for-approval' });
  await act('leaderX', d3, { type: 'approve' });
  d3Files.push(
    await upload('receivingCentre', `/api/dossiers/${d3}/attachments?purpose=result`, 'giay-phep.pdf'),
  );

  // D4: B's dossier received and handled by Y (moved there as a reassignment would).
  const d4 = await submitPermit(ctx.app, session('citizenB'));
  const d4Files = [await upload('citizenB', `/api/dossiers/${d4}/attachments`, 'don.pdf')];
  await act('receivingCentre', d4, { type: 'accept' });
  await correctDossier(db, { code: d4 }, { handling_unit_id: unitIds.Y });

  const fixture = async (
    key: DossierKey,
    code: string,
    owner: PersonaKey,
    handling: UnitKey,
    tasks: UnitKey[],
    attachments: number[],
    results: number[] = [],
  ): Promise<DossierFixture> => {
    const events = (await asAdmin({ method: 'GET', url: `/api/dossiers/${code}/events` })).json<{
      events: DossierAction[];
    }>().events;
    const state = foldActions(events);
    const row = await db
      .selectFrom('dossiers')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    dossierRowId[key] = row.id;
    const entry = await db
      .selectFrom('evidence_entries as e')
      .innerJoin('dossier_actions_view as a', 'a.id', 'e.source_id')
      .select('e.id')
      .where('e.source', '=', 'dossier_actions')
      .where('a.dossier_id', '=', row.id)
      .where('a.seq', '=', 1)
      .executeTakeFirstOrThrow();
    evidenceEntryId[key] = Number(entry.id);
    return {
      key,
      code,
      owner,
      receiving: 'centre',
      handling,
      tasks,
      attachments,
      results,
      status: state.status,
      possible: allowedCommands(state),
    };
  };
  const audit = await db
    .selectFrom('evidence_entries')
    .select('id')
    .where('source', '=', 'audit_events')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  evidenceEntryId.audit = Number(audit.id);
  return {
    unitIds,
    paths,
    userIds,
    sessions,
    bearer: token.json<{ token: string }>().token,
    tokenId: token.json<{ id: number }>().id,
    dossiers: {
      D1: await fixture('D1', d1, 'citizenA', 'X', [], d1Files),
      D2: await fixture('D2', d2, 'citizenA', 'X', ['Y'], d2Files),
      D3: await fixture('D3', d3, 'citizenB', 'X', [], d3Files, d3Files.slice(-1)),
      D4: await fixture('D4', d4, 'citizenB', 'Y', [], d4Files),
    },
    draft: { id: draftId, owner: 'citizenA', attachments: [draftFile] },
    documents: await buildDocuments(sessions, unitIds, userIds),
    grantAtY,
    grantOverProvince,
    year: new Date().getUTCFullYear(),
  };
}
