/**
 * Puts the demo PKI into the module's tables, once: the root as the trust anchor (source demo),
 * the issuing CA as an intermediate, the leaves as registered certificates of their official or
 * agency, both CRLs, and every private key encrypted under the key protector. One transaction,
 * audited; a second call finds the demo root and does nothing.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { recordAudit, SYSTEM_ACTOR } from '../audit';
import { describeCertificate } from './certificates';
import { generateDemoPki, type DemoAgency, type DemoPerson } from './demo-pki';
import { KEY_ALGORITHM, kekIdOf, storeKey, type KeyProtector } from './keys';
import { protectWithPin } from './pins';
import { insertAnchor, insertCertificate, insertCrl, insertIntermediate } from './registry';

export async function demoPkiExists(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('trust_anchors')
    .select('id')
    .where('source', '=', 'demo')
    .executeTakeFirst();
  return row !== undefined;
}

export interface DemoPkiRequest {
  /** Officials who get a signing certificate (the first also gets the revoked one). */
  usernames: readonly string[];
  /** Agencies that get a seal. */
  unitIds: readonly number[];
  now?: Date;
  /** The officials' signing keys sealed under this PIN too (the demo's; README). */
  signingPin?: { kek: Uint8Array; pin: string };
}

export interface DemoPkiCreated {
  created: boolean;
  rootFingerprint: string | null;
  certificates: number;
}

export async function createDemoPki(
  db: Kysely<Database>,
  protector: KeyProtector,
  request: DemoPkiRequest,
): Promise<DemoPkiCreated> {
  if (await demoPkiExists(db)) return { created: false, rootFingerprint: null, certificates: 0 };
  const users = await db
    .selectFrom('users_view')
    .leftJoin('units_view', 'units_view.id', 'users_view.primary_unit_id')
    .select(['users_view.id', 'users_view.username', 'users_view.full_name', 'units_view.name as unit_name'])
    .where('users_view.username', 'in', [...request.usernames])
    .execute();
  const units = await db
    .selectFrom('units_view')
    .select(['id', 'name', 'agency_code'])
    .where('id', 'in', [...request.unitIds])
    .execute();
  const people: DemoPerson[] = request.usernames.map((username) => {
    const user = users.find((row) => row.username === username);
    if (!user) throw new Error(`demo PKI: no user ${username}`);
    return { username, fullName: user.full_name ?? username, unitName: user.unit_name ?? '' };
  });
  const agencies: DemoAgency[] = request.unitIds.map((id) => {
    const unit = units.find((row) => row.id === id);
    if (!unit?.agency_code) throw new Error(`demo PKI: no unit ${id} with an agency code`);
    return { agencyCode: unit.agency_code, name: unit.name ?? '' };
  });
  const pki = await generateDemoPki({ people, agencies, now: request.now });
  const root = describeCertificate(pki.root.certificate);
  const issuing = describeCertificate(pki.issuing.certificate);
  await db.transaction().execute(async (trx) => {
    const anchorId = await insertAnchor(trx, root, 'demo', null);
    await insertIntermediate(trx, issuing, 'demo', null);
    await storeKey(trx, protector, {
      label: 'demo-root',
      certificateFingerprint: root.fingerprint,
      key: pki.root.privateKey,
    });
    await storeKey(trx, protector, {
      label: 'demo-issuing',
      certificateFingerprint: issuing.fingerprint,
      key: pki.issuing.privateKey,
    });
    for (const leaf of pki.leaves) {
      const info = describeCertificate(leaf.certificate);
      await insertCertificate(
        trx,
        info,
        {
          purpose: leaf.purpose,
          userId: leaf.username ? users.find((row) => row.username === leaf.username)!.id : null,
          unitId: leaf.agencyCode ? units.find((row) => row.agency_code === leaf.agencyCode)!.id : null,
        },
        'demo',
        null,
      );
      const pin = leaf.purpose === 'signing' && leaf.username ? request.signingPin : undefined;
      if (pin) {
        const sealed = await protectWithPin(pin.kek, leaf.label, leaf.privateKey, pin.pin);
        await trx
          .insertInto('trust_keys')
          .values({
            label: leaf.label,
            certificate_fingerprint: info.fingerprint,
            algorithm: KEY_ALGORITHM,
            kek_id: kekIdOf(pin.kek),
            wrapped: sealed.wrapped,
            pin_salt: sealed.salt,
            pin_set_at: new Date(),
          })
          .execute();
      } else
        await storeKey(trx, protector, {
          label: leaf.label,
          certificateFingerprint: info.fingerprint,
          key: leaf.privateKey,
        });
    }
    await insertCrl(trx, pki.crls.root, 'demo');
    await insertCrl(trx, pki.crls.issuing, 'demo');
    await recordAudit(trx, SYSTEM_ACTOR, {
      action: 'trust.demo_pki_created',
      entityType: 'trust_anchor',
      entityId: anchorId,
      after: {
        root: { subject: root.subject, fingerprint: root.fingerprint },
        certificates: pki.leaves.map((leaf) => ({ label: leaf.label, subject: leaf.certificate.subject })),
        revoked: pki.revoked.label,
      },
    });
  });
  return { created: true, rootFingerprint: root.fingerprint, certificates: pki.leaves.length };
}
