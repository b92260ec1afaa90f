/**
 * The administrator's writes: importing a trust anchor, registering an official's or agency's
 * signing certificate (validated with validatePath first), and the listing of the registry.
 * Every write is audited in its transaction.
 */
import { DEFAULT_REVOCATION_POLICY, type RevocationPolicy } from './revocation-service';
import type { Kysely } from 'kysely';
import type { Database, TrustCertificatesTable } from '../../db/schema';
import { conflict, DomainError, fieldError, invalid, notFound } from '../../http/errors';
import { recordAudit, type Actor } from '../audit';
import {
  describeCertificate,
  parseCertificate,
  parseCertificates,
  type CertificateInfo,
} from './certificates';
import type { x509 } from './engine';
import { refusalError, refusal } from './reasons';
import { insertAnchor, insertCertificate, insertIntermediate, pathOptionsOf } from './registry';
import { validatePath } from './validate';

/** PEM text, or the DER bytes in base64. */
export function readCertificate(text: string, field = '/certificate'): x509.X509Certificate {
  try {
    const trimmed = text.trim();
    return trimmed.includes('-----BEGIN')
      ? parseCertificate(trimmed)
      : parseCertificate(Buffer.from(trimmed, 'base64'));
  } catch (error) {
    const refused = refusal('certificate_malformed', {
      why: error instanceof Error ? error.message : String(error),
    });
    throw invalid([fieldError(field, refused.code, refused.message, refused.messageEn)], refused.message);
  }
}

function anchorRefused(code: string, message: string, messageEn: string): DomainError {
  return new DomainError({
    code,
    status: 422,
    message,
    messageEn,
    title: ['Không nhận gốc tin cậy', 'Trust anchor refused'],
  });
}

async function alreadyHeld(db: Kysely<Database>, fingerprint: string): Promise<boolean> {
  const [anchor, intermediate, leaf] = await Promise.all([
    db
      .selectFrom('trust_anchors')
      .select('id')
      .where('fingerprint_sha256', '=', fingerprint)
      .executeTakeFirst(),
    db
      .selectFrom('trust_intermediates')
      .select('id')
      .where('fingerprint_sha256', '=', fingerprint)
      .executeTakeFirst(),
    db
      .selectFrom('trust_certificates')
      .select('id')
      .where('fingerprint_sha256', '=', fingerprint)
      .executeTakeFirst(),
  ]);
  return Boolean(anchor ?? intermediate ?? leaf);
}

export async function importAnchor(
  db: Kysely<Database>,
  actor: Actor,
  text: string,
  at = new Date(),
): Promise<CertificateInfo & { id: number }> {
  const certificate = readCertificate(text);
  const info = describeCertificate(certificate);
  if (!info.isCa || (info.keyUsage !== null && !info.keyUsage.includes('keyCertSign')))
    throw anchorRefused(
      'anchor_not_ca',
      'Chứng thư số không phải của một tổ chức chứng thực (thiếu basicConstraints cA hoặc keyCertSign): không dùng làm gốc tin cậy được.',
      'The certificate is not a CA certificate (no basicConstraints cA or keyCertSign): it cannot be a trust anchor.',
    );
  if (info.notAfter.getTime() < at.getTime() || info.notBefore.getTime() > at.getTime()) {
    const refused = refusal(
      info.notAfter.getTime() < at.getTime() ? 'certificate_expired' : 'certificate_not_yet_valid',
      {
        date: info.notAfter.getTime() < at.getTime() ? info.notAfter : info.notBefore,
      },
    );
    throw anchorRefused(refused.code, refused.message, refused.messageEn);
  }
  if (!(await certificate.isSelfSigned()))
    throw anchorRefused(
      'anchor_not_self_signed',
      'Gốc tin cậy phải là chứng thư tự ký của tổ chức chứng thực gốc (ví dụ CA gốc của Ban Cơ yếu Chính phủ).',
      "A trust anchor must be a root CA's self-signed certificate (e.g. the Government Cipher Committee's root).",
    );
  if (await alreadyHeld(db, info.fingerprint))
    throw conflict(
      'certificate_exists',
      'Chứng thư số này đã có trong hệ thống.',
      'This certificate is already held.',
    );
  const id = await db.transaction().execute(async (trx) => {
    const anchorId = await insertAnchor(trx, info, 'imported', actor.userId);
    await recordAudit(trx, actor, {
      action: 'trust.anchor_imported',
      entityType: 'trust_anchor',
      entityId: anchorId,
      after: {
        subject: info.subject,
        serial: info.serial,
        fingerprint: info.fingerprint,
        notAfter: info.notAfter,
      },
    });
    return anchorId;
  });
  return { ...info, id };
}

export interface RegisterRequest {
  purpose: 'signing' | 'seal';
  userId?: number;
  unitId?: number;
  certificate: string;
  intermediates?: string[];
}

export async function registerCertificate(
  db: Kysely<Database>,
  actor: Actor,
  body: RegisterRequest,
  at = new Date(),
  policy: RevocationPolicy = DEFAULT_REVOCATION_POLICY,
): Promise<{ id: number }> {
  const ownerErrors = [];
  if (body.purpose === 'signing' && (body.userId === undefined || body.unitId !== undefined))
    ownerErrors.push(
      fieldError(
        '/userId',
        'owner_required',
        'Chứng thư ký số cá nhân cần userId (và không có unitId).',
        'A signing certificate needs userId (and no unitId).',
      ),
    );
  if (body.purpose === 'seal' && (body.unitId === undefined || body.userId !== undefined))
    ownerErrors.push(
      fieldError(
        '/unitId',
        'owner_required',
        'Con dấu của cơ quan cần unitId (và không có userId).',
        "An agency's seal needs unitId (and no userId).",
      ),
    );
  if (ownerErrors.length > 0) throw invalid(ownerErrors);
  if (body.userId !== undefined) {
    const user = await db
      .selectFrom('users_view')
      .select(['id', 'kind'])
      .where('id', '=', body.userId)
      .executeTakeFirst();
    if (!user || user.kind !== 'officer') throw notFound('cán bộ', 'Official');
  }
  if (body.unitId !== undefined) {
    const unit = await db
      .selectFrom('units_view')
      .select('id')
      .where('id', '=', body.unitId)
      .executeTakeFirst();
    if (!unit) throw notFound('đơn vị', 'Unit');
  }
  const leaf = readCertificate(body.certificate);
  const extra = (body.intermediates ?? []).flatMap((text, index) =>
    text.includes('-----BEGIN')
      ? parseCertificates(text)
      : [readCertificate(text, `/intermediates/${index}`)],
  );
  const result = await validatePath(leaf, await pathOptionsOf(db, body.purpose, at, extra, policy));
  if (!result.ok) throw refusalError(result);
  const info = describeCertificate(leaf);
  if (await alreadyHeld(db, info.fingerprint))
    throw conflict(
      'certificate_exists',
      'Chứng thư số này đã có trong hệ thống.',
      'This certificate is already held.',
    );
  return db.transaction().execute(async (trx) => {
    // The CAs between the leaf and the anchor, kept for the next validations.
    for (const ca of result.path.slice(1, -1))
      await insertIntermediate(trx, describeCertificate(ca), 'imported', actor.userId);
    const id = await insertCertificate(
      trx,
      info,
      { purpose: body.purpose, userId: body.userId ?? null, unitId: body.unitId ?? null },
      'imported',
      actor.userId,
    );
    await recordAudit(trx, actor, {
      action: 'trust.certificate_registered',
      entityType: 'trust_certificate',
      entityId: id,
      after: {
        purpose: body.purpose,
        userId: body.userId ?? null,
        unitId: body.unitId ?? null,
        subject: info.subject,
        serial: info.serial,
        fingerprint: info.fingerprint,
        revocation: result.revocation,
      },
    });
    return { id };
  });
}

export interface CertificateFilter {
  userId?: number;
  unitId?: number;
  purpose?: TrustCertificatesTable['purpose'];
  page: number;
  pageSize: number;
}

export async function listCertificates(db: Kysely<Database>, filter: CertificateFilter) {
  let base = db.selectFrom('trust_certificates');
  if (filter.userId !== undefined) base = base.where('user_id', '=', filter.userId);
  if (filter.unitId !== undefined) base = base.where('unit_id', '=', filter.unitId);
  if (filter.purpose !== undefined) base = base.where('purpose', '=', filter.purpose);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'id',
      'purpose',
      'user_id',
      'unit_id',
      'subject',
      'issuer',
      'serial',
      'not_before',
      'not_after',
      'key_usage',
      'extended_key_usage',
      'fingerprint_sha256',
      'source',
      'created_at',
    ])
    .orderBy('id')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return {
    items: rows.map((row) => ({
      id: row.id,
      purpose: row.purpose,
      userId: row.user_id,
      unitId: row.unit_id,
      subject: row.subject,
      issuer: row.issuer,
      serial: row.serial,
      notBefore: row.not_before.toISOString(),
      notAfter: row.not_after.toISOString(),
      keyUsage: row.key_usage,
      extendedKeyUsage: row.extended_key_usage,
      fingerprintSha256: row.fingerprint_sha256,
      source: row.source,
      createdAt: row.created_at.toISOString(),
    })),
    total: Number(total),
    page: filter.page,
    pageSize: filter.pageSize,
  };
}
