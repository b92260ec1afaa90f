import type { PlatformModule } from '../../platform/module';
import { dossierRegisterRoutes } from './register-routes';
import { dossierRoutes } from './routes';

export const dossiersModule: PlatformModule = {
  name: 'dossiers',
  routes: [dossierRoutes, dossierRegisterRoutes],
};
