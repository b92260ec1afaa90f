import { startPeriodic } from '../../platform/jobs';
import type { PlatformModule } from '../../platform/module';
import { queueDocumentReminders } from './reminders';
import { documentRegisterRoutes } from './http/register-routes';
import { documentFileRoutes } from './http/file-routes';
import { documentPeopleRoutes } from './http/people-routes';
import { documentRoutes } from './http/routes';

/** Official documents (issue #14): drafting, review, signatures, numbering, issuance, the incoming flow. */
export const documentsModule: PlatformModule = {
  name: 'documents',
  routes: [documentRoutes, documentRegisterRoutes, documentPeopleRoutes, documentFileRoutes],
  jobs: [
    {
      // Deadline reminders of incoming documents, through the outbox (once a day each).
      name: 'document-reminders',
      start: ({ db, dbKind, config, log }) =>
        startPeriodic(
          { db, dbKind, log },
          {
            name: 'document-reminders',
            exclusive: true,
            intervalMs: 15 * 60_000,
            round: async () => {
              const { queued } = await queueDocumentReminders(db, { publicBaseUrl: config.publicBaseUrl });
              return { result: queued > 0 ? `document-reminders: ${queued} queued` : null };
            },
          },
        ),
    },
  ],
};
