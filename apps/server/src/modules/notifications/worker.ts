/**
 * Delivers the queued e-mails (the outbox's channel 'email'; other channels' messages are left to
 * their own workers) through SMTP (nodemailer), then marks them sent or schedules a retry
 * with backoff. Delivery is at least once; the stable Message-ID (one per outbox row) lets mail
 * systems recognise a repeat after a crash between the SMTP server's acceptance and the mark.
 *
 * How a row is claimed, so that a crash does not strand it:
 * - PostgreSQL server (several instances may run): each e-mail is sent while its row is locked
 *   (FOR UPDATE SKIP LOCKED, in a transaction that ends with the mark). If the process dies, the
 *   server rolls the transaction back and the row is free again at once.
 * - Embedded PGlite (`singleProcess`: only this process opens the database): its one connection
 *   must not be held during SMTP, so a round claims rows with a lease (next attempt pushed five
 *   minutes forward, last error cleared), and `start()` first releases the leases a killed process
 *   left: rows not sent, due later, with no last error — a backoff always has one.
 */
import { sql, type Kysely } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../../db/schema';

export interface MailSettings {
  smtpUrl: string;
  from: string;
  /** Message-ID domain. */
  domain: string;
}

interface OutboxRow {
  id: number;
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  attempts: number;
}

/** The outbox channel this worker delivers. */
export const EMAIL_CHANNEL = 'email';

const BACKOFF_MINUTES = [1, 5, 15, 60, 180, 360, 720, 1440];
/** E-mails per round. */
export const BATCH = 20;
export const MAX_ATTEMPTS = BACKOFF_MINUTES.length + 1;

/** Locks up to `limit` e-mails due now, oldest first, skipping rows another transaction holds. */
async function lockDue(trx: Kysely<Database>, limit: number): Promise<OutboxRow[]> {
  const result = await sql<OutboxRow>`
    select id, recipient, subject, body_text, body_html, attempts from notification_outbox
    where channel = ${EMAIL_CHANNEL} and sent_at is null and failed_at is null and next_attempt_at <= now()
    order by next_attempt_at, id limit ${limit}
    for update skip locked`.execute(trx);
  return result.rows;
}

export class NotificationWorker {
  private readonly transport: Transporter;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly settings: MailSettings,
    private readonly log: (message: string) => void = () => {},
    private readonly options: { singleProcess?: boolean } = {},
  ) {
    this.transport = nodemailer.createTransport(settings.smtpUrl);
  }

  /** One delivery round; returns how many e-mails were sent. */
  async runOnce(batch = BATCH): Promise<number> {
    return this.options.singleProcess ? this.runLeased(batch) : this.runLocked(batch);
  }

  /** Each e-mail sent while its row is locked; the mark commits with the lock's transaction. */
  private async runLocked(batch: number): Promise<number> {
    let sent = 0;
    for (let i = 0; i < batch; i++) {
      const outcome = await this.db.transaction().execute(async (trx) => {
        const [row] = await lockDue(trx, 1);
        return row ? this.deliver(trx, row) : null;
      });
      if (outcome === null) break;
      if (outcome) sent += 1;
    }
    return sent;
  }

  /**
   * Leases that a killed process left behind (single process only: no other instance can hold
   * one). Returns how many rows were released.
   */
  async releaseLeases(): Promise<number> {
    const result = await this.db
      .updateTable('notification_outbox')
      .set({ next_attempt_at: sql`now()` })
      .where('channel', '=', EMAIL_CHANNEL)
      .where('sent_at', 'is', null)
      .where('failed_at', 'is', null)
      .where('last_error', 'is', null)
      .where('next_attempt_at', '>', sql<Date>`now()`)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  private async runLeased(batch: number): Promise<number> {
    const claimed = await this.db.transaction().execute(async (trx) => {
      const rows = await lockDue(trx, batch);
      if (rows.length > 0) {
        // The lease: not picked again for five minutes (or until a restart releases it).
        await trx
          .updateTable('notification_outbox')
          .set({ next_attempt_at: sql`now() + interval '5 minutes'`, last_error: null })
          .where(
            'id',
            'in',
            rows.map((row) => row.id),
          )
          .execute();
      }
      return rows;
    });
    let sent = 0;
    for (const row of claimed) if (await this.deliver(this.db, row)) sent += 1;
    return sent;
  }

  /** Sends one e-mail and records the outcome; true when the SMTP server accepted it. */
  private async deliver(db: Kysely<Database>, row: OutboxRow): Promise<boolean> {
    try {
      await this.transport.sendMail({
        from: this.settings.from,
        to: row.recipient,
        subject: row.subject,
        text: row.body_text,
        html: row.body_html ?? undefined,
        messageId: `<thongbao-${row.id}@${this.settings.domain}>`,
      });
    } catch (error) {
      const attempts = row.attempts + 1;
      const message = (error as Error).message.slice(0, 500) || 'SMTP error';
      const delay = BACKOFF_MINUTES[attempts - 1];
      await db
        .updateTable('notification_outbox')
        .set(
          delay === undefined
            ? { attempts, last_error: message, failed_at: new Date() }
            : { attempts, last_error: message, next_attempt_at: new Date(Date.now() + delay * 60_000) },
        )
        .where('id', '=', row.id)
        .execute();
      this.log(`e-mail ${row.id} not delivered (attempt ${attempts}): ${message}`);
      return false;
    }
    await db
      .updateTable('notification_outbox')
      .set({ sent_at: new Date(), attempts: row.attempts + 1, last_error: null })
      .where('id', '=', row.id)
      .execute();
    return true;
  }

  /** Closes the SMTP connections (the job runner has stopped the rounds: module.ts). */
  stop(): Promise<void> {
    this.transport.close();
    return Promise.resolve();
  }
}
