import type { PlatformModule } from '../../platform/module';
import { auditRoutes } from './routes';

export const auditModule: PlatformModule = { name: 'audit', routes: [auditRoutes] };
