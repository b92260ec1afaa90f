/**
 * Paper documents (issue #14 §3): phường Tân Ninh's văn thư receives a plan of the provincial
 * police on paper, enters it by hand, attaches its scan and registers it in the số đến it shares
 * with electronic documents. A second copy is caught as a duplicate unless confirmed; a secret
 * one is never scanned; the text of the scan is searched without diacritics. Bad input is
 * refused in words and changes nothing.
 */
import fontkit from '@cantoo/fontkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notoSerifBytes } from '../../lib/pdf';
import { pdfLib } from '../../lib/pades';
import { multipart, PNG } from '../../test/dossier-data';
import { as, login, startTestApp, type Session, type TestContext } from '../../test/harness';

let ctx: TestContext;
const sessions: Record<string, Session> = {};
const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  as(ctx.app, sessions[who]!)({ method, url, ...(payload ? { payload } : {}) });
const upload = (who: string, id: number, name: string, content: Buffer | Uint8Array) =>
  as(
    ctx.app,
    sessions[who]!,
  )({
    method: 'POST',
    url: `/api/documents/${id}/files?purpose=scan`,
    ...multipart(name, Buffer.from(content)),
  });

/** A two-page "scan" whose first page carries text, as a scanner's OCR leaves it. */
async function scanned(text: string): Promise<Uint8Array> {
  const doc = await pdfLib.PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(notoSerifBytes().regular, { subset: true });
  doc.addPage([595.28, 841.89]).drawText(text, { x: 60, y: 700, size: 13, font });
  doc.addPage([595.28, 841.89]);
  return doc.save();
}

const PLAN = {
  kind: 'ke-hoach',
  subject: 'Kế hoạch phòng cháy, chữa cháy mùa khô năm 2026–2027',
  issuerName: 'Công an tỉnh Tây Ninh',
  codeNumber: '120',
  codeNotation: 'KH-CAT-PC07',
  issuedDate: '2026-11-30',
  urgency: 'urgent',
  signerName: 'Nguyễn Văn Hùng',
  signerPosition: 'Phó Giám đốc',
};

const historyOf = async (who: string, id: number) =>
  (await call(who, 'GET', `/api/documents/${id}/history`)).json<{ entries: { type: string }[] }>().entries;

beforeAll(async () => {
  ctx = await startTestApp();
  for (const name of ['vanthu.xa', 'vanthu.xd', 'hotich.xa', 'chutich.xa', 'chuyenvien.xd'])
    sessions[name] = await login(ctx.app, name);
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

describe('a paper document received by the commune’s văn thư', () => {
  let id = 0;

  it('is entered by its văn thư only, every problem named beside its field', async () => {
    expect((await call('chuyenvien.xd', 'POST', '/api/documents/paper', PLAN)).statusCode).toBe(403);
    expect((await call('hotich.xa', 'POST', '/api/documents/paper', PLAN)).statusCode).toBe(403);
    const bad = await call('vanthu.xa', 'POST', '/api/documents/paper', {
      ...PLAN,
      codeNotation: null,
      issuedDate: '2099-01-01',
    });
    expect(bad.statusCode).toBe(422);
    expect(
      bad.json<{ errors: { field: string; code: string }[] }>().errors.map((e) => [e.field, e.code]),
    ).toEqual([
      ['codeNotation', 'incomplete_number'],
      ['issuedDate', 'in_future'],
    ]);
    const list = await call('vanthu.xa', 'GET', '/api/documents?register=incoming');
    expect(list.json<{ total: number }>().total).toBe(0);
  });

  it('is received through the paper channel, and waits for its scan before registration', async () => {
    const created = await call('vanthu.xa', 'POST', '/api/documents/paper', PLAN);
    expect(created.statusCode).toBe(201);
    const doc = created.json<{
      id: number;
      status: string;
      electronic: boolean;
      mayAttachScan: boolean;
      origin: { text: string; organName: string };
      allowedActions: string[];
    }>();
    id = doc.id;
    expect(doc).toMatchObject({ status: 'received', electronic: false, mayAttachScan: true });
    expect(doc.origin).toMatchObject({ text: '120/KH-CAT-PC07', organName: 'Công an tỉnh Tây Ninh' });
    expect(doc.allowedActions).toEqual(expect.arrayContaining(['register', 'return-to-sender']));
    const early = await call('vanthu.xa', 'POST', `/api/documents/${id}/actions`, { type: 'register' });
    expect(early.statusCode).toBe(409);
    expect(early.json<{ code: string }>().code).toBe('scan_missing');
  });

  it('takes a PDF scan only, from its văn thư; the scan’s pages and text are kept', async () => {
    const before = (await historyOf('vanthu.xa', id)).length;
    const image = await upload('vanthu.xa', id, 'scan.png', PNG);
    expect(image.statusCode).toBe(415);
    const broken = await upload('vanthu.xa', id, 'scan.pdf', Buffer.from('%PDF-1.7\nnot really'));
    expect([415, 422]).toContain(broken.statusCode);
    // The chairman sees the arrival (a leader of the agency) but only the văn thư attaches its scan.
    expect((await upload('chutich.xa', id, 'scan.pdf', await scanned('x'))).statusCode).toBe(403);
    expect((await historyOf('vanthu.xa', id)).length).toBe(before);
    const ok = await upload(
      'vanthu.xa',
      id,
      'ke-hoach-pccc.pdf',
      await scanned('Kế hoạch phòng cháy chữa cháy mùa khô; kiểm tra các chợ, khu dân cư.'),
    );
    expect(ok.statusCode).toBe(200);
    const doc = ok.json<{ pageAmount: number; files: { role: string; fileName: string }[] }>();
    expect(doc.pageAmount).toBe(2);
    expect(doc.files).toEqual([expect.objectContaining({ role: 'received', fileName: 'ke-hoach-pccc.pdf' })]);
    expect((await historyOf('vanthu.xa', id)).map((e) => e.type)).toEqual(['received', 'scanned']);
  });

  it('a second copy is caught as a duplicate, unless the văn thư says it is another document', async () => {
    const again = await call('vanthu.xa', 'POST', '/api/documents/paper', {
      ...PLAN,
      codeNotation: 'kh-cat-pc07',
      subject: 'Kế hoạch PCCC (bản gửi qua bưu điện)',
    });
    expect(again.statusCode).toBe(409);
    const problem = again.json<{ code: string; related: { id: number; title: string }[] }>();
    expect(problem.code).toBe('duplicate_suspected');
    expect(problem.related).toEqual([
      expect.objectContaining({
        id,
        title: expect.stringContaining('120/KH-CAT-PC07 của Công an tỉnh Tây Ninh'),
      }),
    ]);
    // The same number a year later is another document.
    const nextYear = await call('vanthu.xa', 'POST', '/api/documents/paper', {
      ...PLAN,
      issuedDate: '2025-11-30',
    });
    expect(nextYear.statusCode).toBe(201);
    const confirmed = await call('vanthu.xa', 'POST', '/api/documents/paper', {
      ...PLAN,
      confirmDuplicate: true,
    });
    expect(confirmed.statusCode).toBe(201);
    expect(confirmed.json<{ duplicates: { id: number }[] }>().duplicates.map((d) => d.id)).toEqual([id]);
  });

  it('is registered with the next số đến, shared with electronic documents', async () => {
    const registered = await call('vanthu.xa', 'POST', `/api/documents/${id}/actions`, { type: 'register' });
    expect(registered.statusCode).toBe(200);
    const doc = registered.json<{ status: string; arrival: { series: string; number: number } }>();
    expect(doc).toMatchObject({ status: 'awaiting_direction', arrival: { series: 'den', number: 1 } });
    expect((await upload('vanthu.xa', id, 'late.pdf', await scanned('late'))).statusCode).toBe(409);
  });

  it('is found by its metadata and by the text of its scan, with or without diacritics', async () => {
    const found = async (q: string) => {
      const res = await call(
        'vanthu.xa',
        'GET',
        `/api/documents?register=incoming&q=${encodeURIComponent(q)}`,
      );
      expect(res.statusCode, q).toBe(200);
      return res.json<{ items: { id: number }[] }>().items.map((i) => i.id);
    };
    expect(await found('cho khu dan cu')).toEqual([id]);
    expect(await found('chợ, khu dân cư')).toEqual([id]);
    expect(await found('120/KH-CAT-PC07')).toContain(id);
    expect(await found('cong an tinh mua kho')).toContain(id);
    expect(await found('Nguyen Van Hung')).toContain(id);
    expect(await found('120')).toContain(id);
    // Numbers are whole words: 12 is not 120, 120/KH-CAT is not 120/KH-CAT-PC07's prefix only.
    expect(await found('12/KH-CAT-PC07')).toEqual([]);
    expect(await found('12')).not.toContain(id);
    expect(await found('khong co van ban nao nhu the')).toEqual([]);
    const short = await call('vanthu.xa', 'GET', '/api/documents?register=incoming&q=kh');
    expect(short.statusCode).toBe(422);
    expect(
      (await call('vanthu.xd', 'GET', '/api/documents?register=incoming&q=mua kho')).json(),
    ).toMatchObject({
      total: 0,
    });
    const urgent = await call(
      'vanthu.xa',
      'GET',
      '/api/documents?register=incoming&urgency=urgent&kind=ke-hoach',
    );
    expect(urgent.json<{ total: number }>().total).toBe(3);
    const byIssuer = await call(
      'vanthu.xa',
      'GET',
      `/api/documents?register=incoming&issuer=${encodeURIComponent('Công an')}`,
    );
    expect(byIssuer.json<{ total: number }>().total).toBe(3);
  });

  it('a secret one is registered in the secret book and never scanned', async () => {
    const created = await call('vanthu.xa', 'POST', '/api/documents/paper', {
      ...PLAN,
      codeNumber: '7',
      secrecy: 'confidential',
    });
    expect(created.statusCode).toBe(201);
    const secret = created.json<{ id: number; mayAttachScan: boolean }>();
    expect(secret.mayAttachScan).toBe(false);
    const scan = await upload('vanthu.xa', secret.id, 'mat.pdf', await scanned('mật'));
    expect(scan.statusCode).toBe(409);
    const registered = await call('vanthu.xa', 'POST', `/api/documents/${secret.id}/actions`, {
      type: 'register',
    });
    expect(registered.json()).toMatchObject({ arrival: { series: 'den-mat', number: 1 } });
  });

  it('a secret one is read by whom its holder names, with the reason, and struck off again', async () => {
    const secret = (await call('vanthu.xa', 'GET', '/api/documents?register=incoming&q=7'))
      .json<{
        items: { id: number; secrecy: string }[];
      }>()
      .items.find((i) => i.secrecy === 'confidential')!;
    const url = `/api/documents/${secret.id}`;
    const users = await ctx.handle.db
      .selectFrom('users')
      .select(['id', 'username'])
      .where('username', 'in', ['chutich.xa', 'hotich.xa', 'congdan'])
      .execute();
    const idOf = (name: string) => Number(users.find((u) => u.username === name)!.id);
    const act = (who: string, body: object) => call(who, 'POST', `${url}/actions`, body);
    expect((await call('chutich.xa', 'GET', url)).statusCode).toBe(404);
    const noReason = await act('vanthu.xa', { type: 'grant-access', userId: idOf('chutich.xa') });
    expect(noReason.statusCode).toBe(400);
    const citizen = await act('vanthu.xa', { type: 'grant-access', userId: idOf('congdan'), reason: 'Thử' });
    expect(citizen.statusCode).toBe(422);
    const granted = await act('vanthu.xa', {
      type: 'grant-access',
      userId: idOf('chutich.xa'),
      reason: 'Chủ tịch cho ý kiến chỉ đạo',
    });
    expect(granted.statusCode).toBe(200);
    expect(granted.json<{ grants: { fullName: string; reason: string }[] }>().grants).toEqual([
      expect.objectContaining({ reason: 'Chủ tịch cho ý kiến chỉ đạo' }),
    ]);
    expect((await call('chutich.xa', 'GET', url)).statusCode).toBe(200);
    // The specialist sees nothing; the chairman, now holding it, names her.
    expect(
      (await act('hotich.xa', { type: 'grant-access', userId: idOf('hotich.xa'), reason: 'x' })).statusCode,
    ).toBe(404);
    expect(
      (await act('chutich.xa', { type: 'grant-access', userId: idOf('hotich.xa'), reason: 'Tham mưu' }))
        .statusCode,
    ).toBe(200);
    expect(
      (await act('hotich.xa', { type: 'grant-access', userId: idOf('congdan'), reason: 'x' })).statusCode,
    ).toBe(403);
    const revoked = await act('vanthu.xa', {
      type: 'revoke-access',
      userId: idOf('chutich.xa'),
      reason: 'Đã xong việc',
    });
    expect(revoked.statusCode).toBe(200);
    expect((await call('chutich.xa', 'GET', url)).statusCode).toBe(404);
    expect((await historyOf('vanthu.xa', secret.id)).map((e) => e.type)).toEqual(
      expect.arrayContaining(['access_granted', 'access_granted', 'access_revoked']),
    );
  });
});
