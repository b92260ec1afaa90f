/**
 * Replacing and correcting an issued document (issue #14 §2; NĐ 30/2020 Điều 18.3): Sở Xây
 * dựng issues a decision to phường Tân Ninh, whose văn thư registers it; a correcting công văn
 * reaches the ward and is noted on its copy, which stays in force; a replacement of the same kind
 * then supersedes the ward's copy and leaves the original replaced, no longer to be recalled or
 * replaced again. Wrong amendments are refused beside their field, and an original recalled
 * after its replacement was drafted stops the replacement's issuance without a partial write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoPki } from '../../db/seed/pki';
import { SXD_TO_SEAL } from '../../test/document-steps';
import { as, communeIdOf, login, startTestApp, type Session, type TestContext } from '../../test/harness';

const KEK = Buffer.alloc(32, 7).toString('base64');

let ctx: TestContext;
const sessions: Record<string, Session> = {};
let ward: number;
let signer: number;

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  as(ctx.app, sessions[who]!)({ method, url, ...(payload ? { payload } : {}) });
const act = (who: string, id: number, payload: object) =>
  call(who, 'POST', `/api/documents/${id}/actions`, payload);

interface View {
  id: number;
  status: string;
  kind: string;
  number: { text: string } | null;
  allowedActions: string[];
  mayAmend: boolean;
  amends: { documentId: number; kind: string; reason: string } | null;
  amendedBy: { documentId: number | null; kind: string; reason: string }[];
  deliveries: { state: string; incomingDocumentId: number | null }[];
}
const view = async (who: string, id: number) => (await call(who, 'GET', `/api/documents/${id}`)).json<View>();
const fieldsOf = (response: { json: <T>() => T }) =>
  response.json<{ errors: { field: string; code: string }[] }>().errors.map((e) => [e.field, e.code]);

const decision = () => ({
  kind: 'quyet-dinh',
  subject: 'Về việc công bố danh mục công trình xây dựng phải lập quy hoạch chi tiết',
  body: 'Điều 1. Công bố danh mục kèm theo Quyết định này.',
  signerUserId: signer,
  signerPosition: 'Giám đốc',
  recipients: [{ unitId: ward }, { organId: '000.00.00.G01', name: 'Bộ Xây dựng', purpose: 'information' }],
});

/** Draft → review → signature → number and seal, by the people whose step each is. */
async function sealed(payload: object): Promise<number> {
  const created = await call('chuyenvien.xd', 'POST', '/api/documents', payload);
  expect(created.statusCode, created.body).toBe(201);
  const { id } = created.json<{ id: number }>();
  for (const [who, step] of SXD_TO_SEAL) {
    const done = await act(who, id, step);
    expect(done.statusCode, `${step.type}: ${done.body}`).toBe(200);
  }
  return id;
}

async function issued(payload: object): Promise<View> {
  const id = await sealed(payload);
  const done = await act('vanthu.xd', id, { type: 'issue' });
  expect(done.statusCode, done.body).toBe(200);
  return done.json<View>();
}

beforeAll(async () => {
  ctx = await startTestApp({ trustKek: KEK });
  await seedDemoPki(ctx.handle.db, { env: { TRUST_KEK: KEK }, embedded: null });
  for (const name of ['chuyenvien.xd', 'lanhdao.xd', 'vanthu.xd', 'vanthu.xa', 'chutich.xa', 'vanthu'])
    sessions[name] = await login(ctx.app, name);
  signer = sessions['lanhdao.xd']!.userId;
  ward = await communeIdOf(ctx.handle.db, '25459');
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

describe('an issued decision corrected, then replaced (Điều 18.3)', () => {
  let original: View;
  let copy = 0;

  it('is issued and registered by the ward; its drafter may amend it, the ward may not', async () => {
    original = await issued(decision());
    copy = original.deliveries[0]!.incomingDocumentId!;
    expect((await act('vanthu.xa', copy, { type: 'receive' })).statusCode).toBe(200);
    expect((await act('vanthu.xa', copy, { type: 'register' })).statusCode).toBe(200);
    expect((await view('chuyenvien.xd', original.id)).mayAmend).toBe(true);
    expect((await view('vanthu.xa', copy)).mayAmend).toBe(false);
  }, 120_000);

  it('refuses a wrong amendment beside its field, and writes nothing', async () => {
    const before = (await call('chuyenvien.xd', 'GET', '/api/documents?register=outgoing')).json<{
      total: number;
    }>().total;
    const amends = (kind: string) => ({ documentId: original.id, kind, reason: 'Sai ngày hiệu lực' });
    const asDecision = await call('chuyenvien.xd', 'POST', '/api/documents', {
      ...decision(),
      amends: amends('correction'),
    });
    expect(asDecision.statusCode).toBe(422);
    expect(fieldsOf(asDecision)).toEqual([['amends/documentId', 'correction_not_letter']]);
    const missing = await call('chuyenvien.xd', 'POST', '/api/documents', {
      ...decision(),
      recipients: [{ organId: '000.00.00.G01', name: 'Bộ Xây dựng' }],
      amends: amends('replacement'),
    });
    expect(fieldsOf(missing)).toEqual([['recipients', 'amendment_recipients_missing']]);
    expect(missing.json<{ errors: { message: string }[] }>().errors[0]!.message).toContain('Tân Ninh');
    const unknown = await call('chuyenvien.xd', 'POST', '/api/documents', {
      ...decision(),
      amends: { documentId: 2 ** 31 - 1, kind: 'replacement', reason: 'x' },
    });
    expect(fieldsOf(unknown)).toEqual([['amends/documentId', 'unknown_document']]);
    // Answering an outgoing document, or one that does not exist, is a field error, not a 500.
    for (const answersDocumentId of [original.id, 2 ** 31 - 1]) {
      const answering = await call('chuyenvien.xd', 'POST', '/api/documents', {
        ...decision(),
        answersDocumentId,
      });
      expect(answering.statusCode).toBe(422);
      expect(fieldsOf(answering)[0]![0]).toBe('answersDocumentId');
    }
    expect(
      (await call('chuyenvien.xd', 'POST', '/api/documents', { ...decision(), amends: { ...amends('x') } }))
        .statusCode,
    ).toBe(400);
    const after = (await call('chuyenvien.xd', 'GET', '/api/documents?register=outgoing')).json<{
      total: number;
    }>().total;
    expect(after).toBe(before);
  });

  it('is corrected by a công văn: the original stays in force, the ward’s copy learns of it', async () => {
    const correction = await issued({
      ...decision(),
      kind: 'cong-van',
      subject: `Về việc đính chính Quyết định số ${original.number!.text}`,
      amends: { documentId: original.id, kind: 'correction', reason: 'Sai ngày ban hành tại căn cứ thứ hai' },
    });
    expect(correction.amends).toMatchObject({ documentId: original.id, kind: 'correction' });
    const after = await view('chuyenvien.xd', original.id);
    expect(after.status).toBe('issued');
    expect(after.amendedBy).toEqual([
      expect.objectContaining({
        documentId: correction.id,
        kind: 'correction',
        reason: 'Sai ngày ban hành tại căn cứ thứ hai',
      }),
    ]);
    const newCopy = correction.deliveries[0]!.incomingDocumentId!;
    const wardCopy = await view('vanthu.xa', copy);
    expect(wardCopy.status).toBe('awaiting_direction');
    expect(wardCopy.amendedBy).toEqual([
      expect.objectContaining({ documentId: newCopy, kind: 'correction' }),
    ]);
    expect((await view('vanthu.xa', newCopy)).amends).toMatchObject({ documentId: copy, kind: 'correction' });
  }, 120_000);

  it('is replaced by a decision: the original is replaced, the ward’s copy superseded', async () => {
    const replacement = await issued({
      ...decision(),
      subject: 'Về việc công bố danh mục công trình xây dựng phải lập quy hoạch chi tiết (thay thế)',
      amends: { documentId: original.id, kind: 'replacement', reason: 'Danh mục thiếu hai công trình' },
    });
    const after = await view('vanthu.xd', original.id);
    expect(after.status).toBe('replaced');
    expect(after.allowedActions).not.toContain('recall');
    expect((await act('vanthu.xd', original.id, { type: 'recall', reason: 'Thu hồi' })).statusCode).toBe(409);
    const wardCopy = await view('vanthu.xa', copy);
    expect(wardCopy.status).toBe('superseded');
    expect(wardCopy.allowedActions).toEqual([]);
    const newCopy = replacement.deliveries[0]!.incomingDocumentId!;
    expect((await view('vanthu.xa', newCopy)).amends).toMatchObject({
      documentId: copy,
      kind: 'replacement',
    });
    const history = (await call('vanthu.xa', 'GET', `/api/documents/${copy}/history`)).json<{
      entries: { type: string; reason: string | null }[];
    }>().entries;
    expect(history.filter((e) => e.type === 'amended').map((e) => e.reason)).toEqual([
      'Sai ngày ban hành tại căn cứ thứ hai',
      'Danh mục thiếu hai công trình',
    ]);
    // Replaced once, it is replaced no more.
    const again = await call('chuyenvien.xd', 'POST', '/api/documents', {
      ...decision(),
      amends: { documentId: original.id, kind: 'replacement', reason: 'Lần nữa' },
    });
    expect(fieldsOf(again)).toEqual([['amends/documentId', 'amended_not_issued']]);
  }, 120_000);

  it('stops a replacement whose original was recalled meanwhile, leaving it sealed and undelivered', async () => {
    const other = await issued(decision());
    const replacement = await sealed({
      ...decision(),
      amends: { documentId: other.id, kind: 'replacement', reason: 'Sai đối tượng áp dụng' },
    });
    expect((await act('vanthu.xd', other.id, { type: 'recall', reason: 'Ban hành nhầm' })).statusCode).toBe(
      200,
    );
    const refused = await act('vanthu.xd', replacement, { type: 'issue' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ code: string }>().code).toBe('amended_not_issued');
    const still = await view('vanthu.xd', replacement);
    expect(still.status).toBe('sealed');
    expect(still.deliveries).toEqual([]);
    expect((await view('vanthu.xd', other.id)).amendedBy).toEqual([]);
  }, 120_000);
});

describe('an issued decision sent on to a recipient its nơi nhận left out', () => {
  it('reaches UBND tỉnh at once, the nơi nhận grows; a second time, or by another, is refused', async () => {
    const sent = await issued({ ...decision(), recipients: [{ unitId: ward }] });
    const province = await ctx.handle.db
      .selectFrom('units_view')
      .select(['id', 'name'])
      .where('parent_id', 'is', null)
      .where('valid_until', 'is', null)
      .executeTakeFirstOrThrow();
    const add = (who: string, unitId: number) =>
      act(who, sent.id, {
        type: 'add-recipients',
        recipients: [{ unitId }],
        reason: 'Gửi bổ sung để chỉ đạo',
      });
    expect((await add('chuyenvien.xd', Number(province.id))).statusCode).toBe(403);
    const again = await add('vanthu.xd', ward);
    expect(again.statusCode).toBe(422);
    expect(fieldsOf(again)).toEqual([['recipients/0', 'already_recipient']]);
    const done = await add('vanthu.xd', Number(province.id));
    expect(done.statusCode, done.body).toBe(200);
    const after = done.json<View & { recipients: { name: string }[] }>();
    expect(after.status).toBe('issued');
    expect(after.recipients.map((r) => r.name)).toEqual([expect.stringContaining('Tân Ninh'), province.name]);
    expect(after.deliveries.map((d) => d.state)).toEqual(['delivered', 'delivered']);
    const copy = after.deliveries[1]!.incomingDocumentId!;
    expect(await view('vanthu', copy)).toMatchObject({ status: 'delivered' });
    const history = (await call('vanthu.xd', 'GET', `/api/documents/${sent.id}/history`)).json<{
      entries: { type: string; reason: string | null }[];
    }>().entries;
    expect(history.filter((e) => e.type === 'recipients_added').map((e) => e.reason)).toEqual([
      'Gửi bổ sung để chỉ đạo',
    ]);
  }, 120_000);
});
