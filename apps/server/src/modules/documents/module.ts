import type { PlatformModule } from '../../platform/module';

/** Official documents (issue #14): its routes arrive with the use cases. */
export const documentsModule: PlatformModule = {
  name: 'documents',
};
