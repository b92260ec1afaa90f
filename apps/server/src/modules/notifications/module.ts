import { mailBaseUrl } from '../../http/public-origin';
import { startPeriodic } from '../../platform/jobs';
import type { PlatformModule } from '../../platform/module';
import { BATCH, NotificationWorker } from './worker';

export const notificationsModule: PlatformModule = {
  name: 'notifications',
  jobs: [
    {
      // Sends the queued e-mails; off until SMTP_URL is set (they stay queued meanwhile).
      name: 'mail-outbox',
      start: ({ db, dbKind, config, log }) => {
        if (!config.smtpUrl) return null;
        // PGlite: this process alone opens the database (leases a killed process left are released).
        const singleProcess = dbKind === 'pglite';
        const worker = new NotificationWorker(
          db,
          { smtpUrl: config.smtpUrl, from: config.mailFrom, domain: new URL(mailBaseUrl(config)).hostname },
          log,
          { singleProcess },
        );
        // Not exclusive: every instance sends, each e-mail claimed by one (FOR UPDATE SKIP LOCKED).
        const job = startPeriodic(
          { db, dbKind, log },
          {
            name: 'mail-outbox',
            exclusive: false,
            intervalMs: 5000,
            ...(singleProcess
              ? {
                  prepare: async () => {
                    const count = await worker.releaseLeases();
                    if (count > 0) log(`${count} e-mail(s) claimed by a stopped process are due again`);
                  },
                }
              : {}),
            round: async () => {
              const sent = await worker.runOnce();
              // A full batch means a backlog (after an outage or a restart): go on at once.
              return { result: null, again: sent >= BATCH };
            },
          },
        );
        return {
          stop: async () => {
            await job.stop();
            await worker.stop();
          },
        };
      },
    },
  ],
};
