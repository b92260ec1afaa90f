/**
 * A decision drafted in Word (issue #14 §2): the drafter uploads the DOCX — LibreOffice from
 * Debian converts it — and a separate annex; the blanks are found in the file; the leader signs,
 * the văn thư numbers and seals: the number and the date are written into the drafter's own
 * layout, and the annex is signed top right with the số/ký hiệu. pdfsig checks every signature.
 * Bad files are refused in words and change nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SIGNING_PIN, seedDemoPki } from '../../db/seed/pki';
import { multipart, PNG } from '../../test/dossier-data';
import { annotationsOf, readPdf, textLines } from '../../test/pdf-text';
import { pdfsig, trustDemoRoot } from '../../test/pdf-verifiers';
import { as, login, startTestApp, type Session, type TestContext } from '../../test/harness';

const KEK = Buffer.alloc(32, 9).toString('base64');
let ctx: TestContext;
let dir: string;
const sessions: Record<string, Session> = {};
const call = (who: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  as(ctx.app, sessions[who]!)({ method, url, ...(payload ? { payload } : {}) });
const upload = (who: string, id: number, purpose: string, name: string, content: Buffer) =>
  as(
    ctx.app,
    sessions[who]!,
  )({ method: 'POST', url: `/api/documents/${id}/files?purpose=${purpose}`, ...multipart(name, content) });

/** A Word file as a drafter types it, made by LibreOffice from HTML (the blanks are spaces). */
function wordFile(name: string, html: string): Buffer {
  const source = join(dir, `${name}.html`);
  writeFileSync(source, `<html><head><meta charset="utf-8"></head><body>${html}</body></html>`);
  execFileSync('soffice', [
    `-env:UserInstallation=file://${join(dir, 'profile')}`,
    '--headless',
    '--convert-to',
    'docx:MS Word 2007 XML',
    '--outdir',
    dir,
    source,
  ]);
  return readFileSync(join(dir, `${name}.docx`));
}

const blank = (n: number) => '&nbsp;'.repeat(n);
const DECISION = `<table width="100%"><tr><td width="40%" align="center"><p>SỞ XÂY DỰNG</p><p>Số:${blank(12)}/QĐ-SXD</p></td>
<td align="center"><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p><p><b>Độc lập - Tự do - Hạnh phúc</b></p>
<p><i>Tây Ninh, ngày${blank(5)} tháng${blank(5)} năm 2026</i></p></td></tr></table>
<p align="center"><b>QUYẾT ĐỊNH</b></p><p align="center"><b>Về việc ban hành Quy chế quản lý kiến trúc phường Tân Ninh</b></p>
<p>Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý kiến trúc phường Tân Ninh.</p>
<table width="100%"><tr><td width="50%"><p><b><i>Nơi nhận:</i></b></p><p>- UBND phường Tân Ninh;</p><p>- Lưu: VT, VP.</p></td>
<td align="center"><p><b>KT. GIÁM ĐỐC</b></p><p><b>PHÓ GIÁM ĐỐC</b></p><p>&nbsp;</p><p>&nbsp;</p><p>&nbsp;</p><p><b>Huỳnh Minh Tâm</b></p></td></tr></table>`;

beforeAll(async () => {
  ctx = await startTestApp({ trustKek: KEK });
  dir = mkdtempSync(join(tmpdir(), 'tn-document-files-'));
  await seedDemoPki(ctx.handle.db, { env: { TRUST_KEK: KEK }, embedded: null });
  for (const name of ['chuyenvien.xd', 'lanhdao.xd', 'vanthu.xd', 'vanthu.xa'])
    sessions[name] = await login(ctx.app, name);
  await trustDemoRoot(ctx.app, dir);
}, 120_000);

afterAll(async () => {
  await ctx?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a decision drafted in Word, with a separate annex', () => {
  let id = 0;

  it('is uploaded as DOCX, converted to PDF, its blanks found; bad files change nothing', async () => {
    const ward = await ctx.handle.db
      .selectFrom('units_view')
      .select('id')
      .where('admin_area_code', '=', '25459')
      .where('valid_until', 'is', null)
      .executeTakeFirstOrThrow();
    const created = await call('chuyenvien.xd', 'POST', '/api/documents', {
      kind: 'quyet-dinh',
      subject: 'Về việc ban hành Quy chế quản lý kiến trúc phường Tân Ninh',
      body: 'Nội dung trong tệp đính kèm.',
      signerUserId: sessions['lanhdao.xd']!.userId,
      signerPosition: 'Phó Giám đốc',
      signingNotation: 'KT.',
      authorityTitle: 'Giám đốc',
      recipients: [{ unitId: Number(ward.id) }],
    });
    expect(created.statusCode, created.body).toBe(201);
    id = created.json<{ id: number }>().id;

    // Refused in words, and the draft stays at version 1: an image, a file without the blanks,
    // someone who is not the drafter.
    const image = await upload('chuyenvien.xd', id, 'content', 'anh.png', PNG);
    expect(image.statusCode).toBe(415);
    const plain = wordFile('plain', '<p>Quyết định không có số, ngày và người ký.</p>');
    const noBlanks = await upload('chuyenvien.xd', id, 'content', 'plain.docx', plain);
    expect(noBlanks.statusCode, noBlanks.body).toBe(422);
    expect(noBlanks.json<{ errors: { code: string }[] }>().errors.map((e) => e.code)).toEqual([
      'number_line',
      'date_line',
      'signer_name',
    ]);
    const docx = wordFile('quyet-dinh', DECISION);
    expect((await upload('vanthu.xd', id, 'content', 'qd.docx', docx)).statusCode).toBe(403);
    expect((await call('chuyenvien.xd', 'GET', `/api/documents/${id}`)).json()).toMatchObject({ version: 1 });

    const uploaded = await upload('chuyenvien.xd', id, 'content', 'Quyết định kiến trúc.docx', docx);
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    expect(uploaded.json()).toMatchObject({ version: 2 });
    const annex = wordFile(
      'quy-che',
      '<p align="center"><b>QUY CHẾ QUẢN LÝ KIẾN TRÚC</b></p><p>Chương I. Quy định chung.</p>',
    );
    const attached = await upload('chuyenvien.xd', id, 'attachment', 'Quy chế.docx', annex);
    expect(attached.statusCode, attached.body).toBe(200);
    const view = attached.json<{
      version: number;
      files: { role: string; version: number; fileName: string }[];
    }>();
    expect(view.version).toBe(3);
    // Version 3 keeps the uploaded content and adds the annex, as a PDF.
    expect(view.files.filter((f) => f.version === 3).map((f) => [f.role, f.fileName])).toEqual([
      ['draft', 'du-thao-v2.pdf'],
      ['attachment', 'Quy chế.pdf'],
    ]);
    const pdf = await call('chuyenvien.xd', 'GET', `/api/documents/${id}/file.pdf`);
    expect((await readPdf(pdf.rawPayload)).text).toContain('Quy chế quản lý kiến trúc phường Tân Ninh');
  }, 120_000);

  it('is signed and sealed: the number and date in the drafter’s layout, the annex signed top right', async () => {
    await call('chuyenvien.xd', 'POST', `/api/documents/${id}/actions`, { type: 'submit' });
    await call('lanhdao.xd', 'POST', `/api/documents/${id}/actions`, { type: 'approve' });
    await call('vanthu.xd', 'POST', `/api/documents/${id}/actions`, { type: 'approve' });
    const signed = await call('lanhdao.xd', 'POST', `/api/documents/${id}/actions`, {
      type: 'sign',
      pin: DEMO_SIGNING_PIN,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const sealed = await call('vanthu.xd', 'POST', `/api/documents/${id}/actions`, {
      type: 'number-and-seal',
    });
    expect(sealed.statusCode, sealed.body).toBe(200);
    const view = sealed.json<{
      number: { text: string; issuedDate: string };
      files: { id: number; role: string }[];
    }>();
    expect(view.number.text).toBe('01/QĐ-SXD');

    const main = await call('vanthu.xd', 'GET', `/api/documents/${id}/file.pdf`);
    // The number and the date are stamps over the blanks pdf.js found in the drafter's file:
    // right after "Số:" and before "/QĐ-SXD", and over "ngày … tháng … năm …".
    const stamps = (await annotationsOf(main.rawPayload, 1)).filter((a) => a.subtype === 'Stamp');
    expect(stamps).toHaveLength(2);
    const lines = await textLines(main.rawPayload);
    const numberLine = lines.find((l) => l.text.startsWith('Số:'))!;
    const [numberStamp, dateStamp] = [...stamps].sort((a, b) => b.rect[1]! - a.rect[1]!);
    expect(numberStamp!.rect[1]).toBeLessThan(numberLine.y);
    expect(numberStamp!.rect[3]).toBeGreaterThan(numberLine.y);
    expect(numberStamp!.rect[0]).toBeGreaterThan(numberLine.x);
    expect(dateStamp!.rect[0]).toBeGreaterThan(lines.find((l) => l.text.includes('ngày'))!.x);
    expect(view.number.issuedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const report = pdfsig(dir, main.rawPayload, 'main.pdf');
    expect(report.match(/Signature is Valid\./g)).toHaveLength(2);
    expect(report.match(/Certificate is Trusted\./g)).toHaveLength(2);

    const annexFile = view.files.find((f) => f.role === 'sealed_attachment')!;
    const annex = await call('vanthu.xd', 'GET', `/api/documents/${id}/files/${annexFile.id}`);
    expect(annex.statusCode).toBe(200);
    // Signed at the top right of its first page, with no image (the số/ký hiệu and the time).
    const [widget] = (await annotationsOf(annex.rawPayload, 1)).filter((a) => a.fieldType === 'Sig');
    expect(widget!.rect[0]).toBeGreaterThan(595 / 2);
    expect(widget!.rect[1]).toBeGreaterThan(842 * 0.8);
    const annexReport = pdfsig(dir, annex.rawPayload, 'annex.pdf');
    expect(annexReport.match(/Signature is Valid\./g)).toHaveLength(1);
    expect(annexReport).toContain('Certificate is Trusted.');
    // Signed, its files no longer change; outsiders do not even see them.
    expect(
      (await upload('chuyenvien.xd', id, 'attachment', 'x.docx', wordFile('x', '<p>x</p>'))).statusCode,
    ).toBe(409);
    expect((await call('vanthu.xa', 'GET', `/api/documents/${id}/files/${annexFile.id}`)).statusCode).toBe(
      404,
    );
  }, 120_000);
});
