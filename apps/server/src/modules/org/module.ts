import type { PlatformModule } from '../../platform/module';
import { orgRoutes } from './routes';

export const orgModule: PlatformModule = { name: 'org', routes: [orgRoutes] };
