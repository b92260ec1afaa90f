/**
 * Public surface of the notifications module: the outbox of messages (the e-mails about dossiers,
 * and any channel's messages about any subject) and the worker that delivers its e-mails.
 */
export { DOSSIER_SUBJECT, enqueueMessage, enqueueNotification, type OutboxMessage } from './outbox';
export { EMAIL_CHANNEL, NotificationWorker } from './worker';

/** The module's self-description (routes, jobs), for the list in src/modules.ts. */
export { notificationsModule } from './module';
