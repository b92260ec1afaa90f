/**
 * Audit records are written in the same transaction as the change they describe, so a change
 * without its record (or the reverse) cannot be committed.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface Actor {
  userId: number | null;
  label: string;
  ip: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: 'system', ip: null };

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | number;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

/** The row of one record. */
function auditRow(actor: Actor, entry: AuditEntry) {
  return {
    actor_user_id: actor.userId,
    actor_label: actor.label,
    ip_address: actor.ip,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: String(entry.entityId),
    reason: entry.reason ?? null,
    // No value and a JSON null are one thing here: SQL NULL (a backup cannot tell them apart).
    before: entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
    after: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
  };
}

export async function recordAudit(db: Kysely<Database>, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.insertInto('audit_events').values(auditRow(actor, entry)).execute();
}

/** Many records at once (imports, and the sealing benchmark's backlog): one statement per 2,000. */
export async function recordAuditBatch(
  db: Kysely<Database>,
  actor: Actor,
  entries: readonly AuditEntry[],
): Promise<void> {
  for (let i = 0; i < entries.length; i += 2000)
    await db
      .insertInto('audit_events')
      .values(entries.slice(i, i + 2000).map((entry) => auditRow(actor, entry)))
      .execute();
}
