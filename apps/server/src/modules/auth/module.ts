import type { PlatformModule } from '../../platform/module';
import { authRoutes } from './routes';

export const authModule: PlatformModule = { name: 'auth', routes: [authRoutes] };
