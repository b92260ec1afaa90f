/**
 * The two signatures of an outgoing document (NĐ 30/2020 Điều 13, 15, 16; Phụ lục I II.7–8):
 * - the competent person's, with their own certificate: the key the platform holds for them
 *   (`sign`), or their own token through the prepare–sign–assemble split (`prepare-signature`,
 *   then `attach-signature` with the CMS their signer program made); PAdES-B-T, the blue image
 *   between their position and their name;
 * - the agency's, by the văn thư, only after that: the next number of the series and the date
 *   stamped into their blanks, the red seal over the left third of the signer's image, each
 *   separate attachment signed at the top right with số/ký hiệu and the signing time, then the
 *   validation data (PAdES-B-LT).
 * Certificates are checked (path to a trust anchor, revocation) before anything is signed. The
 * crypto and the timestamp happen outside the database transaction, except for sealing, where
 * the number must be in the PDF: there the series stays locked while the seal is made (a round
 * trip to the TSA when TSA_URL is an external one).
 */
import { X509Certificate } from 'node:crypto';
import { resolve as resolvePath } from 'node:path';
import type { Kysely } from 'kysely';
import { documentKind } from '@tayninh/domain/documents/types';
import { formatDocumentNumber, numberAndNotation, outgoingSeries } from '@tayninh/domain/documents/notation';
import type { Config } from '../../../config';
import type { DatabaseKind } from '../../../db/database';
import type { Database } from '../../../db/schema';
import { DomainError } from '../../../http/errors';
import type { FileStore } from '../../../lib/file-store';
import {
  addSignatureTimestamp,
  addValidationData,
  padesCms,
  sealAppearance,
  sealRectFor,
  signerAppearance,
  signPdf,
  stampAppearance,
  textAppearance,
  topRightRect,
  type PlaceholderOptions,
} from '../../../lib/pades';
import { formatVietnamIso, vietnamDate } from '../../../lib/time';
import type { Principal } from '../../auth';
import {
  checkSignerPath,
  existingKek,
  openHeldSigner,
  openTimestamper,
  validationDataOf,
  type PlatformSeal,
  type Timestamper,
} from '../../trust';
import type { DocumentLayout } from '../compose';
import type { LoadedDocument } from '../load';
import { currentAttachments, currentMain, filesOf, readFileBytes, saveFile } from '../store/files';
import { appendEvents } from '../store/history';
import { takeNumber } from '../store/numbering';
import { settingsOf } from '../store/settings';

export interface SigningContext {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  config: Pick<Config, 'trustKek' | 'dataDir' | 'evidence'>;
  files: FileStore;
}

const problem = (code: string, status: number, message: string, messageEn: string) =>
  new DomainError({ code, status, message, messageEn });

export async function signingKit(
  ctx: SigningContext,
): Promise<{ kek: Uint8Array | null; timestamper: Timestamper }> {
  const kek = existingKek(
    ctx.config.trustKek,
    ctx.dbKind === 'pglite' ? { dataDir: resolvePath(ctx.config.dataDir) } : null,
  );
  const timestamper = await openTimestamper(ctx.db, {
    kek,
    tsaUrl: ctx.config.evidence.tsaUrl,
    policy: ctx.config.evidence.tsaPolicy,
  });
  if (!timestamper)
    throw problem(
      'no_tsa',
      503,
      'Chưa cấu hình máy chủ cấp dấu thời gian (TSA_URL).',
      'No time-stamping authority is configured (TSA_URL).',
    );
  return { kek, timestamper };
}

/** The certificate must be valid, trusted and not revoked now (422 with the reason otherwise). */
export async function requireValidPath(
  db: Kysely<Database>,
  seal: PlatformSeal,
  usage: 'signing' | 'seal',
  at: Date,
) {
  const path = await checkSignerPath(db, seal.certificate, usage, at, seal.chain);
  if (!path.ok) throw problem(path.code, 422, path.message, path.messageEn);
  return path;
}

export function padesSigner(seal: PlatformSeal, timestamper: Timestamper) {
  return async (digest: Uint8Array) =>
    addSignatureTimestamp(
      await padesCms({
        contentDigest: digest,
        signer: seal.signer,
        certificate: seal.certificate,
        chain: seal.chain,
      }),
      timestamper.timestamp,
    );
}

export function personPlaceholder(
  loaded: LoadedDocument,
  layout: DocumentLayout,
  at: Date,
): PlaceholderOptions {
  const { row } = loaded;
  const rect = layout.signature.rect;
  const when = formatVietnamIso(at).replace('T', ' ').slice(0, 19);
  return {
    fieldName: `nguoi-co-tham-quyen-v${loaded.state.version}`,
    signingTime: at,
    reason:
      `Người có thẩm quyền ký: ${[row.signing_notation, row.authority_title].filter(Boolean).join(' ')} ${row.signer_position ?? ''}`.trim(),
    name: row.signer_name ?? undefined,
    widget: {
      page: layout.signature.page,
      rect,
      draw: (pen) =>
        signerAppearance(pen, rect, { fullName: row.signer_name ?? '', signedAtText: `Ký số: ${when}` }),
    },
  };
}

/** The draft as it stands for signing: its PDF and where its blanks are. */
export async function draftToSign(ctx: SigningContext, loaded: LoadedDocument) {
  const list = await filesOf(ctx.db, Number(loaded.row.id));
  const draft = currentMain(list, loaded.state.version);
  if (!draft || draft.role !== 'draft' || !draft.layout)
    throw problem('no_draft_file', 409, 'Dự thảo chưa có tệp PDF để ký.', 'The draft has no PDF to sign.');
  return { pdf: await readFileBytes(ctx.files, draft.sha256), layout: draft.layout as DocumentLayout };
}

/** Records the competent person's signed PDF; inside one transaction. */
export async function recordPersonSignature(
  ctx: SigningContext,
  principal: Principal,
  loaded: LoadedDocument,
  signed: Uint8Array,
  seal: Pick<PlatformSeal, 'fingerprint' | 'subject' | 'certificate'> & { serial: string },
  method: 'held_key' | 'token' | 'external',
  at: Date,
  timestampAt: Date | null,
) {
  const id = Number(loaded.row.id);
  await ctx.db.transaction().execute(async (trx) => {
    await appendEvents(
      trx,
      id,
      loaded,
      [
        {
          type: 'signed',
          at: at.toISOString(),
          method: method === 'held_key' ? 'held_key' : 'external',
          certificateSerial: seal.serial,
        },
      ],
      {
        userId: principal.userId,
        unitId: principal.primaryUnitId,
      },
    );
    const file = await saveFile(trx, ctx.files, {
      documentId: id,
      role: 'signed',
      version: loaded.state.version,
      fileName: 'van-ban-da-ky.pdf',
      mediaType: 'application/pdf',
      content: signed,
      layout: (await currentLayout(trx, id, loaded.state.version)) ?? null,
      createdBy: principal.userId,
      at,
    });
    await trx
      .insertInto('document_signatures')
      .values({
        document_id: id,
        kind: 'person',
        method,
        file_id: file.id,
        user_id: principal.userId,
        unit_id: null,
        certificate_fingerprint: seal.fingerprint,
        certificate_serial: seal.serial,
        certificate_subject: seal.subject.slice(0, 1000),
        signed_at: at,
        timestamp_at: timestampAt,
      })
      .execute();
  });
}

async function currentLayout(db: Kysely<Database>, id: number, version: number): Promise<object | null> {
  const draft = currentMain(await filesOf(db, id), version);
  return (draft?.layout as object | null) ?? null;
}

/** Lower-case hex of the serial, as trust_certificates keeps it. */
function serialOf(certificate: Uint8Array): string {
  return new X509Certificate(Buffer.from(certificate)).serialNumber.toLowerCase().replace(/^(00)+(?=.)/, '');
}

/** `sign`: the key the platform holds for the competent person. */
export async function signWithHeldKey(ctx: SigningContext, principal: Principal, loaded: LoadedDocument) {
  const { kek, timestamper } = await signingKit(ctx);
  const seal = kek ? await openHeldSigner(ctx.db, kek, { userId: principal.userId }) : null;
  if (!seal)
    throw problem(
      'no_held_key',
      409,
      'Hệ thống không giữ khóa ký số của ông/bà: hãy ký bằng thiết bị ký số của mình (prepare-signature, attach-signature).',
      'The platform holds no signing key of yours: sign with your own token (prepare-signature, attach-signature).',
    );
  const at = new Date();
  await requireValidPath(ctx.db, seal, 'signing', at);
  const { pdf, layout } = await draftToSign(ctx, loaded);
  let timestampAt: Date | null = null;
  const sign = padesSigner(seal, {
    source: timestamper.source,
    timestamp: async (digest) => {
      const t = await timestamper.timestamp(digest);
      timestampAt = t.genTime;
      return t;
    },
  });
  const signed = await signPdf(pdf, personPlaceholder(loaded, layout, at), sign);
  await recordPersonSignature(
    ctx,
    principal,
    loaded,
    signed,
    { ...seal, serial: serialOf(seal.certificate) },
    'held_key',
    at,
    timestampAt,
  );
}

/** `number-and-seal`: the văn thư numbers the signed document and signs it with the agency's key. */
export async function numberAndSeal(ctx: SigningContext, principal: Principal, loaded: LoadedDocument) {
  const { row } = loaded;
  const id = Number(row.id);
  const { kek, timestamper } = await signingKit(ctx);
  const seal = kek ? await openHeldSigner(ctx.db, kek, { unitId: Number(row.unit_id) }) : null;
  if (!seal)
    throw problem(
      'no_agency_seal',
      409,
      'Cơ quan chưa có khóa ký số của cơ quan, tổ chức trên hệ thống.',
      'The agency has no seal key on the platform.',
    );
  const at = new Date();
  await requireValidPath(ctx.db, seal, 'seal', at);
  const settings = await settingsOf(ctx.db, Number(row.unit_id));
  if (!settings)
    throw problem(
      'no_document_settings',
      422,
      'Cơ quan chưa được thiết lập sổ và ký hiệu văn bản.',
      'The agency has no document settings.',
    );
  const list = await filesOf(ctx.db, id);
  const signedFile = [...list].reverse().find((f) => f.role === 'signed');
  if (!signedFile?.layout)
    throw problem(
      'not_signed',
      409,
      'Văn bản chưa có chữ ký số của người có thẩm quyền.',
      'The competent person has not signed.',
    );
  const layout = signedFile.layout as DocumentLayout;
  const signedPdf = await readFileBytes(ctx.files, signedFile.sha256);
  const attachments = await Promise.all(
    currentAttachments(list, loaded.state.version).map(async (f) => ({
      file: f,
      bytes: await readFileBytes(ctx.files, f.sha256),
    })),
  );
  const kind = documentKind(row.kind)!;
  const series = outgoingSeries(
    { kind: row.kind, secrecy: row.secrecy, body: row.advisory_body },
    settings.administrativeSeries,
  );
  const codeNotation = layout.codeNotation;
  const issuedDate = vietnamDate(at);
  const sign = padesSigner(seal, timestamper);
  const validation = await validationDataOf(ctx.db, [seal.fingerprint]);

  await ctx.db.transaction().execute(async (trx) => {
    const { number, year } = await takeNumber(trx, {
      unitId: Number(row.unit_id),
      series,
      at,
      takenBy: principal.userId,
      documentId: id,
    });
    const codeNumber = formatDocumentNumber(number, kind.group === 'legal' ? year : undefined);
    const [y, m, d] = issuedDate.split('-');
    const dateText = `ngày ${d} tháng ${Number(m) <= 2 ? m : Number(m)} năm ${y}`;
    const sealRect = sealRectFor(layout.signature.rect);
    const sealed = await signPdf(
      signedPdf,
      {
        fieldName: 'co-quan-ban-hanh',
        signingTime: at,
        reason: 'Ký số của cơ quan, tổ chức ban hành',
        location: settings.placeName,
        widget: {
          page: layout.signature.page,
          rect: sealRect,
          draw: (pen) =>
            sealAppearance(pen, sealRect, {
              name: seal.subject.match(/CN=([^,(]+)/)?.[1]?.trim() ?? '',
              place: settings.placeName,
            }),
        },
        stamps: [
          {
            page: layout.number.page,
            rect: layout.number.rect,
            draw: (pen) => stampAppearance(pen, layout.number.rect, codeNumber, layout.number.size, 'center'),
          },
          {
            page: layout.date.page,
            rect: layout.date.rect,
            draw: (pen) =>
              stampAppearance(pen, layout.date.rect, dateText, layout.date.size, 'left', 'italic'),
          },
        ],
      },
      sign,
    );
    const full = await addValidationData(sealed, {
      certificates: [seal.certificate, ...seal.chain],
      ocspResponses: validation.ocspResponses,
      crls: validation.crls,
    });
    const numberText = numberAndNotation(codeNumber, codeNotation);
    const sealedAttachments: Array<{ position: number; name: string; bytes: Uint8Array }> = [];
    for (const { file, bytes } of attachments) {
      const lines = [numberText, formatVietnamIso(at)];
      const signedAttachment = await signPdf(
        bytes,
        {
          fieldName: `co-quan-ban-hanh-phu-luc-${file.position}`,
          signingTime: at,
          reason: 'Ký số của cơ quan, tổ chức trên tệp đính kèm',
          widget: {
            page: 0,
            rect: (pen, size) => topRightRect(pen, size.width, size.height, lines),
            draw: (pen, rect) => textAppearance(pen, rect, lines),
          },
        },
        sign,
      );
      sealedAttachments.push({ position: file.position, name: file.fileName, bytes: signedAttachment });
    }
    await appendEvents(
      trx,
      id,
      loaded,
      [
        {
          type: 'numbered_sealed',
          at: at.toISOString(),
          series,
          number,
          codeNumber,
          codeNotation,
          issuedDate,
        },
      ],
      { userId: principal.userId, unitId: principal.primaryUnitId },
    );
    const saved = await saveFile(trx, ctx.files, {
      documentId: id,
      role: 'sealed',
      version: loaded.state.version,
      fileName: `${numberText.replace(/\//g, '_')}.pdf`,
      mediaType: 'application/pdf',
      content: full,
      layout,
      createdBy: principal.userId,
      at,
    });
    const signatureRows = [{ file_id: saved.id }];
    for (const a of sealedAttachments) {
      const f = await saveFile(trx, ctx.files, {
        documentId: id,
        role: 'sealed_attachment',
        version: loaded.state.version,
        position: a.position,
        fileName: a.name,
        mediaType: 'application/pdf',
        content: a.bytes,
        createdBy: principal.userId,
        at,
      });
      signatureRows.push({ file_id: f.id });
    }
    await trx
      .insertInto('document_signatures')
      .values(
        signatureRows.map((r) => ({
          document_id: id,
          kind: 'agency' as const,
          method: 'held_key' as const,
          file_id: r.file_id,
          user_id: principal.userId,
          unit_id: Number(row.unit_id),
          certificate_fingerprint: seal.fingerprint,
          certificate_serial: serialOf(seal.certificate),
          certificate_subject: seal.subject.slice(0, 1000),
          signed_at: at,
          timestamp_at: at,
        })),
      )
      .execute();
  });
}
