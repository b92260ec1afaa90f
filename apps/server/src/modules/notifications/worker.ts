/**
 * Delivers queued e-mails through SMTP (nodemailer). Each round claims due rows by pushing their
 * next attempt forward (FOR UPDATE SKIP LOCKED, so several instances never take the same row),
 * sends, then marks them sent or schedules a retry with backoff. Delivery is at least once; the
 * stable Message-ID lets mail systems recognise a repeat after a crash between send and mark.
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

const BACKOFF_MINUTES = [1, 5, 15, 60, 180, 360, 720, 1440];
export const MAX_ATTEMPTS = BACKOFF_MINUTES.length + 1;

export class NotificationWorker {
  private readonly transport: Transporter;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly settings: MailSettings,
    private readonly log: (message: string) => void = () => {},
  ) {
    this.transport = nodemailer.createTransport(settings.smtpUrl);
  }

  /** One delivery round; returns how many e-mails were sent. */
  async runOnce(batch = 20): Promise<number> {
    const claimed = await this.db.transaction().execute(async (trx) => {
      const rows = await sql<{
        id: number;
        recipient: string;
        subject: string;
        body_text: string;
        body_html: string;
        attempts: number;
      }>`
        select id, recipient, subject, body_text, body_html, attempts from notification_outbox
        where sent_at is null and failed_at is null and next_attempt_at <= now()
        order by next_attempt_at, id limit ${batch}
        for update skip locked`.execute(trx);
      if (rows.rows.length > 0) {
        // The claim: nobody else picks these rows for five minutes.
        await trx
          .updateTable('notification_outbox')
          .set({ next_attempt_at: sql`now() + interval '5 minutes'` })
          .where(
            'id',
            'in',
            rows.rows.map((row) => row.id),
          )
          .execute();
      }
      return rows.rows;
    });
    let sent = 0;
    for (const row of claimed) {
      try {
        await this.transport.sendMail({
          from: this.settings.from,
          to: row.recipient,
          subject: row.subject,
          text: row.body_text,
          html: row.body_html,
          messageId: `<thongbao-${row.id}@${this.settings.domain}>`,
        });
        await this.db
          .updateTable('notification_outbox')
          .set({ sent_at: new Date(), attempts: row.attempts + 1, last_error: null })
          .where('id', '=', row.id)
          .execute();
        sent += 1;
      } catch (error) {
        const attempts = row.attempts + 1;
        const message = (error as Error).message.slice(0, 500);
        const delay = BACKOFF_MINUTES[attempts - 1];
        await this.db
          .updateTable('notification_outbox')
          .set(
            delay === undefined
              ? { attempts, last_error: message, failed_at: new Date() }
              : { attempts, last_error: message, next_attempt_at: new Date(Date.now() + delay * 60_000) },
          )
          .where('id', '=', row.id)
          .execute();
        this.log(`e-mail ${row.id} not delivered (attempt ${attempts}): ${message}`);
      }
    }
    return sent;
  }

  start(intervalMs = 5000): void {
    const tick = () => {
      this.running = this.runOnce().catch((error: unknown) => {
        this.log(`notification round failed: ${(error as Error).message}`);
        return 0;
      });
      void this.running.finally(() => {
        if (this.timer !== null) this.timer = setTimeout(tick, intervalMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops after the round in progress (graceful shutdown). */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    this.transport.close();
  }
}
