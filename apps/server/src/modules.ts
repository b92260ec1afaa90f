/**
 * The modules of the platform, in the order their routes are registered. This list is the one
 * place that knows them all: app.ts registers their routes, main.ts starts their jobs. Like every
 * other caller, it reaches each module's self-description (module.ts) through its index.ts.
 */
import { auditModule } from './modules/audit';
import { authModule } from './modules/auth';
import { calendarModule } from './modules/calendar';
import { documentsModule } from './modules/documents';
import { dossiersModule } from './modules/dossiers';
import { evidenceModule } from './modules/evidence';
import { notificationsModule } from './modules/notifications';
import { orgModule } from './modules/org';
import { proceduresModule } from './modules/procedures';
import { statsModule } from './modules/stats';
import { trustModule } from './modules/trust';
import type { PlatformModule } from './platform/module';

export const MODULES: readonly PlatformModule[] = [
  authModule,
  orgModule,
  auditModule,
  calendarModule,
  proceduresModule,
  dossiersModule,
  statsModule,
  notificationsModule,
  trustModule,
  evidenceModule,
  documentsModule,
];
