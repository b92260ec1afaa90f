/**
 * A fingerprint of the database for "a refused request changes nothing" checks: row counts,
 * highest ids and last changes of the business tables. Sessions and the login throttle are left
 * out, as signing in and failed sign-ins legitimately write there.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

const FINGERPRINT = sql<{ fp: string }>`
  select json_build_array(
    (select json_build_array(count(*), max(id), sum(action_count), max(updated_at)) from dossiers),
    (select json_build_array(count(*), max(id), max(at)) from dossier_actions),
    (select json_build_array(count(*), max(id), max(uploaded_at)) from dossier_attachments),
    (select count(*) from dossier_open_tasks),
    (select count(*) from dossier_ratings),
    (select sum(last_number) from dossier_code_counters),
    (select json_build_array(count(*), max(id)) from notification_outbox),
    (select json_build_array(count(*), max(id), max(occurred_at)) from audit_events),
    (select json_build_array(count(*), max(id), max(updated_at), count(*) filter (where status = 'disabled')) from users),
    (select json_build_array(count(*), max(id), count(revoked_at)) from role_grants),
    (select json_build_array(count(*), max(id), count(revoked_at)) from api_tokens),
    (select json_build_array(count(*), max(id), max(updated_at), count(valid_until)) from units),
    (select count(*) from unit_successions),
    (select count(*) from procedures),
    (select count(*) from procedure_versions),
    (select json_build_array(count(*), max(updated_at)) from calendar_years),
    (select count(*) from calendar_days),
    (select md5(coalesce(string_agg(s::text, '|' order by s::text), '')) from settings s)
  )::text as fp`;

export async function dbFingerprint(db: Kysely<Database>): Promise<string> {
  return (await FINGERPRINT.execute(db)).rows[0]!.fp;
}
