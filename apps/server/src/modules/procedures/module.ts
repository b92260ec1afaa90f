import type { PlatformModule } from '../../platform/module';
import { procedureRoutes } from './routes';

export const proceduresModule: PlatformModule = { name: 'procedures', routes: [procedureRoutes] };
