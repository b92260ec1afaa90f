import type { PlatformModule } from '../../platform/module';
import { trustDemoRoutes } from './demo-routes';
import { trustRoutes } from './routes';
import { trustSignerRoutes } from './signer-routes';

export const trustModule: PlatformModule = {
  name: 'trust',
  routes: [trustRoutes, trustDemoRoutes, trustSignerRoutes],
};
