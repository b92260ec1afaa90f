/**
 * The competent person's signature with their own token (issue #14 §2 (b)), in the pattern of
 * the government's signing plug-ins: prepare, sign on the official's machine, assemble.
 * - `prepare-signature`: the official names the certificate of their token (registered to them,
 *   valid, trusted, not revoked); the platform adds the signature field with the blue image to
 *   the draft, keeps that prepared PDF and answers the SHA-256 of its byte ranges. The history
 *   records the digest (the lifecycle's pendingDigest): a newer preparation supersedes it.
 * - `attach-signature`: the signer program posts the CMS SignedData it made over that digest
 *   (detached, signed attributes content-type, message-digest, signing-certificate-v2); the
 *   platform adds the signature timestamp (PAdES-B-T), embeds it, and verifies the result as any
 *   verifier would — integrity, the path of the signer's certificate at the timestamp's time,
 *   and that the signer is the certificate named at preparation — before recording it.
 * A preparation is good for 30 minutes.
 */
import { createHash } from 'node:crypto';
import { conflict, unprocessable } from '../../../http/errors';
import {
  addSignatureTimestamp,
  CmsShapeError,
  embedSignature,
  extractSignatures,
  prepareSignature,
  signatureValueOf,
  verifySignature,
} from '../../../lib/pades';
import type { Principal } from '../../auth';
import {
  certificatesOf,
  checkSignerPath,
  describeCertificate,
  readCertificate,
  verificationMaterial,
} from '../../trust';
import type { DocumentLayout } from '../compose';
import type { LoadedDocument } from '../load';
import { filesOf, readFileBytes, saveFile } from '../store/files';
import { appendEvents } from '../store/history';
import { actorOf } from './record';
import {
  draftToSign,
  personPlaceholder,
  recordSignature,
  timestamperOf,
  type SigningContext,
} from './signing';

export const PREPARATION_MINUTES = 30;

/** The prepared PDF's layout: the draft's, and what the preparation was for. */
interface PreparedLayout extends DocumentLayout {
  prepared: { digest: string; fingerprint: string; serial: string; subject: string; userId: number };
}

export interface PreparedSignatureAnswer {
  preparationId: number;
  digestAlgorithm: 'SHA-256';
  /** SHA-256 of the PDF's signed byte ranges, base64 (what the CMS's message-digest must be). */
  digest: string;
  digestHex: string;
  certificateSerial: string;
  /** The intermediates between the certificate and its trust anchor (DER, base64), for the CMS. */
  chain: string[];
  expiresAt: string;
}

export async function prepareExternalSignature(
  ctx: SigningContext,
  principal: Principal,
  loaded: LoadedDocument,
  certificateText: string,
): Promise<PreparedSignatureAnswer> {
  const at = new Date();
  const certificate = readCertificate(certificateText);
  const info = describeCertificate(certificate);
  const registered = await certificatesOf(ctx.db, { userId: principal.userId }, at);
  if (!registered.some((c) => c.fingerprint_sha256 === info.fingerprint))
    throw unprocessable(
      'certificate_not_registered',
      'Chứng thư số này chưa được đăng ký là chứng thư ký số của ông/bà.',
      'This certificate is not registered as your signing certificate.',
    );
  const der = new Uint8Array(certificate.rawData);
  const path = await checkSignerPath(ctx.db, der, 'signing', at);
  if (!path.ok) throw unprocessable(path.code, path.message, path.messageEn);
  const { draft, layout } = await draftToSign(ctx, loaded);
  const { prepared, digest } = await prepareSignature(
    await readFileBytes(ctx.files, draft.sha256),
    personPlaceholder(loaded, layout, at),
  );
  const digestHex = Buffer.from(digest).toString('hex');
  const id = Number(loaded.row.id);
  const file = await ctx.db.transaction().execute(async (trx) => {
    await appendEvents(
      trx,
      id,
      loaded,
      [{ type: 'signature_prepared', at: at.toISOString(), digest: digestHex }],
      actorOf(principal),
    );
    const preparedLayout: PreparedLayout = {
      ...layout,
      prepared: {
        digest: digestHex,
        fingerprint: info.fingerprint,
        serial: info.serial,
        subject: info.subject,
        userId: principal.userId,
      },
    };
    return saveFile(trx, ctx.files, {
      documentId: id,
      role: 'prepared',
      version: loaded.state.version,
      fileName: 'van-ban-cho-ky.pdf',
      mediaType: 'application/pdf',
      content: prepared,
      layout: preparedLayout,
      createdBy: principal.userId,
      at,
    });
  });
  return {
    preparationId: file.id,
    digestAlgorithm: 'SHA-256',
    digest: Buffer.from(digest).toString('base64'),
    digestHex,
    certificateSerial: info.serial,
    chain: path.path.slice(1, -1).map((c) => Buffer.from(c.rawData).toString('base64')),
    expiresAt: new Date(at.getTime() + PREPARATION_MINUTES * 60_000).toISOString(),
  };
}

const refused = (code: string, message: string, messageEn: string) => unprocessable(code, message, messageEn);

export async function attachExternalSignature(
  ctx: SigningContext,
  principal: Principal,
  loaded: LoadedDocument,
  input: { preparationId: number; signature: string },
) {
  const id = Number(loaded.row.id);
  const file = (await filesOf(ctx.db, id)).find(
    (f) => f.id === input.preparationId && f.role === 'prepared' && f.version === loaded.state.version,
  );
  const layout = file?.layout as PreparedLayout | undefined;
  if (!file || !layout?.prepared || layout.prepared.userId !== principal.userId)
    throw conflict(
      'preparation_unknown',
      'Không có bản chuẩn bị ký này cho văn bản (hãy chuẩn bị ký lại).',
      'There is no such signature preparation for this document (start the signing again).',
    );
  if (layout.prepared.digest !== loaded.state.pendingDigest)
    throw conflict(
      'preparation_superseded',
      'Đã có bản chuẩn bị ký mới hơn; hãy ký bản đó.',
      'A newer preparation exists; sign that one.',
    );
  if (file.createdAt.getTime() + PREPARATION_MINUTES * 60_000 < Date.now())
    throw conflict(
      'preparation_expired',
      `Bản chuẩn bị ký đã quá ${PREPARATION_MINUTES} phút; hãy chuẩn bị ký lại.`,
      `The preparation is older than ${PREPARATION_MINUTES} minutes; start the signing again.`,
    );
  const cms = new Uint8Array(Buffer.from(input.signature.replace(/\s+/g, ''), 'base64'));
  try {
    signatureValueOf(cms);
  } catch (error) {
    if (!(error instanceof CmsShapeError)) throw error;
    throw refused(
      'signature_malformed',
      'Chữ ký gửi lên không phải CMS SignedData có một người ký.',
      'The signature is not a CMS SignedData with one signer.',
    );
  }
  const timestamper = await timestamperOf(ctx);
  let timestampAt: Date | null = null;
  const timed = await addSignatureTimestamp(cms, async (imprint) => {
    const token = await timestamper.timestamp(imprint);
    timestampAt = token.genTime;
    return token;
  });
  let signed: Uint8Array;
  try {
    signed = await embedSignature(await readFileBytes(ctx.files, file.sha256), timed);
  } catch {
    throw refused(
      'signature_too_large',
      'Chữ ký số quá lớn so với chỗ dành cho nó trong văn bản.',
      'The signature does not fit the room kept for it in the document.',
    );
  }
  const last = extractSignatures(signed).at(-1);
  const check = last
    ? await verifySignature(last, { ...(await verificationMaterial(ctx.db)), requireTimestamp: true })
    : null;
  if (!check?.ok || !check.signerCertificate)
    throw refused(
      check?.problem?.code ?? 'signature_invalid',
      check?.problem?.message ?? 'Chữ ký số không hợp lệ.',
      check?.problem?.messageEn ?? 'The signature is invalid.',
    );
  const fingerprint = createHash('sha256').update(check.signerCertificate).digest('hex');
  if (fingerprint !== layout.prepared.fingerprint)
    throw refused(
      'signer_mismatch',
      'Chữ ký được tạo bằng một chứng thư khác với chứng thư đã chọn khi chuẩn bị ký.',
      'The signature was made with another certificate than the one named at preparation.',
    );
  const at = new Date();
  const path = await checkSignerPath(
    ctx.db,
    check.signerCertificate,
    'signing',
    timestampAt ?? at,
    check.certificatePath,
  );
  if (!path.ok) throw unprocessable(path.code, path.message, path.messageEn);
  const { prepared, ...plainLayout } = layout;
  await ctx.db.transaction().execute(async (trx) => {
    await appendEvents(
      trx,
      id,
      loaded,
      [{ type: 'signed', at: at.toISOString(), method: 'external', certificateSerial: prepared.serial }],
      actorOf(principal),
    );
    const saved = await saveFile(trx, ctx.files, {
      documentId: id,
      role: 'signed',
      version: loaded.state.version,
      fileName: 'van-ban-da-ky.pdf',
      mediaType: 'application/pdf',
      content: signed,
      layout: plainLayout,
      createdBy: principal.userId,
      at,
    });
    await recordSignature(trx, {
      documentId: id,
      kind: 'person',
      fileId: saved.id,
      userId: principal.userId,
      unitId: null,
      signer: {
        method: 'external',
        fingerprint,
        serial: prepared.serial,
        subject: prepared.subject,
        timestampAt,
      },
      at,
    });
  });
}
