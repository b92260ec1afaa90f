/**
 * Access to a secret document (Luật Bảo vệ bí mật nhà nước 2018, Điều 11): no role reaches a
 * secret document on its own; who holds it for the agency — its văn thư or leader with access —
 * names each further reader with the reason, or strikes one off. Each grant and revocation is a
 * history entry (evidence stream document:<id>); document_grants holds who may read it now.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { conflict, unprocessable } from '../../../http/errors';
import { activeGrants, type Principal } from '../../auth';
import type { LoadedDocument } from '../load';
import type { DocumentScope } from '../policy';
import { record } from './record';

async function requireOfficial(db: Kysely<Database>, userId: number) {
  const grants = await activeGrants(db, userId);
  if (!grants.some((g) => g.role === 'leader' || g.role === 'specialist' || g.role === 'clerk'))
    throw unprocessable(
      'not_an_official',
      'Chỉ cấp quyền đọc văn bản mật cho cán bộ, công chức có tài khoản đang hoạt động.',
      'Access to a secret document is granted to active officials only.',
    );
}

export async function grantAccess(
  db: Kysely<Database>,
  principal: Principal,
  loaded: LoadedDocument & { scope: DocumentScope },
  userId: number,
  reason: string,
) {
  if (!loaded.scope.secret)
    throw conflict(
      'not_secret',
      'Chỉ văn bản mật mới cần cấp quyền đọc riêng.',
      'Only a secret document needs explicit access.',
    );
  if (
    loaded.scope.grantedUserIds.includes(userId) ||
    loaded.scope.createdBy === userId ||
    loaded.scope.signerUserId === userId
  )
    throw conflict('already_granted', 'Người này đã được đọc văn bản.', 'This person may read it already.');
  await requireOfficial(db, userId);
  const at = new Date();
  await record(
    db,
    principal,
    loaded,
    { type: 'access_granted', at: at.toISOString(), userId, reason },
    {
      reason,
      then: async (trx) => {
        await trx
          .insertInto('document_grants')
          .values({
            document_id: Number(loaded.row.id),
            user_id: userId,
            granted_by: principal.userId,
            granted_at: at,
            reason,
          })
          .execute();
      },
    },
  );
}

export async function revokeAccess(
  db: Kysely<Database>,
  principal: Principal,
  loaded: LoadedDocument & { scope: DocumentScope },
  userId: number,
  reason: string,
) {
  if (!loaded.scope.grantedUserIds.includes(userId))
    throw conflict('not_granted', 'Người này không có quyền đọc được cấp.', 'This person holds no grant.');
  await record(
    db,
    principal,
    loaded,
    { type: 'access_revoked', at: new Date().toISOString(), userId, reason },
    {
      reason,
      then: async (trx) => {
        await trx
          .deleteFrom('document_grants')
          .where('document_id', '=', Number(loaded.row.id))
          .where('user_id', '=', userId)
          .execute();
      },
    },
  );
}

/** Who was given access, for those who may give it. */
export async function grantsOf(db: Kysely<Database>, documentId: number) {
  const rows = await db
    .selectFrom('document_grants as g')
    .innerJoin('users_view as u', 'u.id', 'g.user_id')
    .innerJoin('users_view as by', 'by.id', 'g.granted_by')
    .select(['g.user_id', 'u.full_name', 'by.full_name as granted_by_name', 'g.granted_at', 'g.reason'])
    .where('g.document_id', '=', documentId)
    .orderBy('g.granted_at')
    .execute();
  return rows.map((r) => ({
    userId: Number(r.user_id),
    fullName: r.full_name,
    grantedBy: r.granted_by_name,
    grantedAt: new Date(r.granted_at).toISOString(),
    reason: r.reason,
  }));
}
