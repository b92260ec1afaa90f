import type { PlatformModule } from '../../platform/module';
import { trustRoutes } from './routes';

export const trustModule: PlatformModule = { name: 'trust', routes: [trustRoutes] };
