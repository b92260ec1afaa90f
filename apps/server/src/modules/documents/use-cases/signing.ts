/**
 * The competent person's signature of an outgoing document (NĐ 30/2020 Điều 13; Phụ lục I
 * II.7): with their own certificate, PAdES-B-T, the blue image between their position and their
 * name. `sign` uses the key the platform holds for them. What both signatures share — the
 * signing kit (the held keys' KEK, the TSA), the certificate check before signing (path to a
 * trust anchor, revocation), a PAdES signer that remembers its timestamp — is here too; the
 * agency's signature is sealing.ts. The crypto and the timestamp happen before the transaction
 * that records the result.
 */
import { resolve as resolvePath } from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from '../../../config';
import type { DatabaseKind } from '../../../db/database';
import type { Database } from '../../../db/schema';
import { conflict, DomainError, unprocessable } from '../../../http/errors';
import type { FileStore } from '../../../lib/file-store';
import {
  addSignatureTimestamp,
  padesCms,
  signerAppearance,
  signPdf,
  type PlaceholderOptions,
} from '../../../lib/pades';
import { formatVietnamIso } from '../../../lib/time';
import type { Principal } from '../../auth';
import {
  checkSignerPath,
  describeCertificate,
  existingKek,
  openHeldSigner,
  openTimestamper,
  parseCertificate,
  type PlatformSeal,
  type Timestamper,
} from '../../trust';
import type { DocumentLayout } from '../compose';
import type { LoadedDocument } from '../load';
import { currentMain, filesOf, readFileBytes, saveFile } from '../store/files';
import { appendEvents } from '../store/history';
import { actorOf } from './record';

export interface SigningContext {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  config: Pick<Config, 'trustKek' | 'dataDir' | 'evidence'>;
  files: FileStore;
}

const kekOf = (ctx: SigningContext) =>
  existingKek(
    ctx.config.trustKek,
    ctx.dbKind === 'pglite' ? { dataDir: resolvePath(ctx.config.dataDir) } : null,
  );

/** The configured TSA (or the demo one); 503 when there is none. */
export async function timestamperOf(ctx: SigningContext, kek = kekOf(ctx)): Promise<Timestamper> {
  const timestamper = await openTimestamper(ctx.db, {
    kek,
    tsaUrl: ctx.config.evidence.tsaUrl,
    policy: ctx.config.evidence.tsaPolicy,
  });
  if (!timestamper)
    throw new DomainError({
      code: 'no_tsa',
      status: 503,
      message: 'Chưa cấu hình máy chủ cấp dấu thời gian (TSA_URL).',
      messageEn: 'No time-stamping authority is configured (TSA_URL).',
    });
  return timestamper;
}

/** A PAdES-B-T signer with a held key, and the time of the last timestamp it got. */
export interface TimedSigner {
  seal: PlatformSeal;
  serial: string;
  sign: (digest: Uint8Array) => Promise<Uint8Array>;
  timestampAt: () => Date | null;
}

/**
 * The held key of an official or an agency, checked (valid, trusted, not revoked now), as a
 * PAdES-B-T signer with the configured TSA; `missing` is the 409 when the platform holds none.
 */
export async function heldSigner(
  ctx: SigningContext,
  owner: { userId: number } | { unitId: number },
  usage: 'signing' | 'seal',
  missing: DomainError,
  at: Date,
  pin: string | null = null,
): Promise<TimedSigner> {
  const kek = kekOf(ctx);
  const seal = kek ? await openHeldSigner(ctx.db, kek, owner, at, pin) : null;
  if (!seal) throw missing;
  const path = await checkSignerPath(ctx.db, seal.certificate, usage, at, seal.chain);
  if (!path.ok) throw unprocessable(path.code, path.message, path.messageEn);
  const timestamper = await timestamperOf(ctx, kek);
  let last: Date | null = null;
  return {
    seal,
    serial: describeCertificate(parseCertificate(seal.certificate)).serial,
    timestampAt: () => last,
    sign: async (digest) =>
      addSignatureTimestamp(
        await padesCms({
          contentDigest: digest,
          signer: seal.signer,
          certificate: seal.certificate,
          chain: seal.chain,
        }),
        async (imprint) => {
          const token = await timestamper.timestamp(imprint);
          last = token.genTime;
          return token;
        },
      ),
  };
}

/** The competent person's signature field: its name, /M, reason, and the blue image. */
export function personPlaceholder(
  loaded: LoadedDocument,
  layout: DocumentLayout,
  at: Date,
): PlaceholderOptions {
  const { row } = loaded;
  const rect = layout.signature.rect;
  const when = formatVietnamIso(at).replace('T', ' ').slice(0, 19);
  const authority = [row.signing_notation, row.authority_title].filter(Boolean).join(' ');
  return {
    fieldName: `nguoi-co-tham-quyen-v${loaded.state.version}`,
    signingTime: at,
    reason: `Người có thẩm quyền ký: ${authority} ${row.signer_position ?? ''}`.trim(),
    name: row.signer_name ?? undefined,
    widget: {
      page: layout.signature.page,
      rect,
      draw: (pen) =>
        signerAppearance(pen, rect, { fullName: row.signer_name ?? '', signedAtText: `Ký số: ${when}` }),
    },
  };
}

/** The draft PDF of the current version, with its layout; 409 when there is none. */
export async function draftToSign(ctx: SigningContext, loaded: LoadedDocument) {
  const draft = currentMain(await filesOf(ctx.db, Number(loaded.row.id)), loaded.state.version);
  if (!draft || draft.role !== 'draft' || !draft.layout)
    throw conflict('no_draft_file', 'Dự thảo chưa có tệp PDF để ký.', 'The draft has no PDF to sign.');
  return { draft, layout: draft.layout as DocumentLayout };
}

/** `sign`: the key the platform holds for the competent person. */
export async function signWithHeldKey(
  ctx: SigningContext,
  principal: Principal,
  loaded: LoadedDocument,
  pin: string | null,
) {
  const at = new Date();
  const signer = await heldSigner(
    ctx,
    { userId: principal.userId },
    'signing',
    conflict(
      'no_held_key',
      'Hệ thống không giữ khóa ký số của ông/bà: hãy ký bằng thiết bị ký số của mình.',
      'The platform holds no signing key of yours: sign with your own token.',
    ),
    at,
    pin,
  );
  const id = Number(loaded.row.id);
  const { draft, layout } = await draftToSign(ctx, loaded);
  const signed = await signPdf(
    await readFileBytes(ctx.files, draft.sha256),
    personPlaceholder(loaded, layout, at),
    signer.sign,
  );
  await ctx.db.transaction().execute(async (trx) => {
    await appendEvents(
      trx,
      id,
      loaded,
      [{ type: 'signed', at: at.toISOString(), method: 'held_key', certificateSerial: signer.serial }],
      actorOf(principal),
    );
    const file = await saveFile(trx, ctx.files, {
      documentId: id,
      role: 'signed',
      version: loaded.state.version,
      fileName: 'van-ban-da-ky.pdf',
      mediaType: 'application/pdf',
      content: signed,
      layout,
      createdBy: principal.userId,
      at,
    });
    await recordSignature(trx, {
      documentId: id,
      kind: 'person',
      fileId: file.id,
      userId: principal.userId,
      unitId: null,
      signer,
      at,
    });
  });
}

/** Who signed, as document_signatures records it. */
export interface SignatureFacts {
  method: 'held_key' | 'external';
  fingerprint: string;
  serial: string;
  subject: string;
  timestampAt: Date | null;
}

export const factsOf = (signer: TimedSigner): SignatureFacts => ({
  method: 'held_key',
  fingerprint: signer.seal.fingerprint,
  serial: signer.serial,
  subject: signer.seal.subject,
  timestampAt: signer.timestampAt(),
});

/** One row of document_signatures (the indicators count them). */
export async function recordSignature(
  trx: Kysely<Database>,
  s: {
    documentId: number;
    kind: 'person' | 'agency';
    fileId: number;
    userId: number;
    unitId: number | null;
    signer: TimedSigner | SignatureFacts;
    at: Date;
  },
) {
  const facts = 'seal' in s.signer ? factsOf(s.signer) : s.signer;
  await trx
    .insertInto('document_signatures')
    .values({
      document_id: s.documentId,
      kind: s.kind,
      method: facts.method,
      file_id: s.fileId,
      user_id: s.userId,
      unit_id: s.unitId,
      certificate_fingerprint: facts.fingerprint,
      certificate_serial: facts.serial,
      certificate_subject: facts.subject.slice(0, 1000),
      signed_at: s.at,
      timestamp_at: facts.timestampAt,
    })
    .execute();
}
