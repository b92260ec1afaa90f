import type { PlatformModule } from '../../platform/module';
import { documentRegisterRoutes } from './http/register-routes';
import { documentRoutes } from './http/routes';

/** Official documents (issue #14): drafting, review, signatures, numbering, issuance, the incoming flow. */
export const documentsModule: PlatformModule = {
  name: 'documents',
  routes: [documentRoutes, documentRegisterRoutes],
};
