/** Row types: The outbox of messages to send (module notifications). */
import type { ColumnType, Generated, RawBuilder } from 'kysely';
import type { Timestamp } from './columns';

export interface NotificationOutboxTable {
  id: Generated<number>;
  /** email, or another channel (migration 0019). */
  channel: Generated<string>;
  /** dossier, or another type of subject. */
  subject_type: Generated<string>;
  subject_id: string;
  /** Set when the subject is a dossier (the foreign key), null otherwise. */
  dossier_id: number | null;
  action_seq: number;
  kind: string;
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  created_at: Generated<Date>;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string | RawBuilder<unknown>>;
  sent_at: Timestamp | null;
  failed_at: Timestamp | null;
  last_error: string | null;
}
