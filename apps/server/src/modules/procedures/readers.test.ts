/**
 * The catalogue editors' notes are internal: the public API leaves them out for anyone who may not
 * manage the catalogue (anonymous callers, citizens, officers), and gives them to administrators;
 * what citizens need to know is published as `requirements`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, startTestApp, type Session, type TestContext } from '../../test/harness';
import { importWorkbook } from './excel';

const BIRTH = '1.001193';
const DATA_ENTRY_REMARK = "Cổng DVC ghi thời hạn '1'";

describe('editors’ notes stay out of public answers', () => {
  let ctx: TestContext;
  let admin: Session;
  let citizen: Session;
  let officer: Session;
  beforeAll(async () => {
    ctx = await startTestApp();
    [admin, citizen, officer] = await Promise.all([
      login(ctx.app, 'admin'),
      login(ctx.app, 'congdan'),
      login(ctx.app, 'tiepnhan'),
    ]);
  });
  afterAll(async () => ctx.close());

  const get = (session: Session | null, url: string) => as(ctx.app, session)({ method: 'GET', url });

  it('a procedure, for an anonymous caller, a citizen and an officer: requirements, no notes', async () => {
    for (const session of [null, citizen, officer]) {
      const response = await get(session, `/api/procedures/${BIRTH}`);
      expect(response.statusCode).toBe(200);
      const procedure = response.json<Record<string, unknown>>();
      expect(procedure).not.toHaveProperty('notes');
      expect(procedure.requirements).toMatch(/sau 15 giờ được hẹn trả kết quả trong ngày làm việc tiếp theo/);
      expect(response.body).not.toContain(DATA_ENTRY_REMARK);
      const versions = await get(session, `/api/procedures/${BIRTH}/versions`);
      expect(versions.body).not.toContain(DATA_ENTRY_REMARK);
      expect(versions.json<Array<Record<string, unknown>>>()[0]).not.toHaveProperty('notes');
    }
  });

  it('the public exports (JSON and Excel) leave the notes out', async () => {
    const json = await get(null, '/api/catalogue/export.json');
    expect(json.statusCode).toBe(200);
    expect(json.body).not.toContain(DATA_ENTRY_REMARK);
    const records = json.json<Array<{ code: string; requirements?: string | null }>>();
    expect(records.find((record) => record.code === BIRTH)?.requirements).toContain('60 ngày');
    const xlsx = await get(null, '/api/catalogue/export.xlsx');
    const rows = await importWorkbook(xlsx.rawPayload);
    const birth = rows.find((row) => row.record.code === BIRTH)!.record;
    expect(birth.notes ?? null).toBeNull();
    expect(birth.requirements).toContain('60 ngày');
  });

  it('the administrator reads the notes (the catalogue editor shows them)', async () => {
    const procedure = (await get(admin, `/api/procedures/${BIRTH}`)).json<{ notes: string | null }>();
    expect(procedure.notes).toContain(DATA_ENTRY_REMARK);
    const exported = (await get(admin, '/api/catalogue/export.json')).json<
      Array<{ code: string; notes?: string | null }>
    >();
    expect(exported.find((record) => record.code === BIRTH)?.notes).toContain(DATA_ENTRY_REMARK);
  });
});
