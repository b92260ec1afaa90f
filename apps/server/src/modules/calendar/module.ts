import type { PlatformModule } from '../../platform/module';
import { calendarRoutes } from './routes';

export const calendarModule: PlatformModule = { name: 'calendar', routes: [calendarRoutes] };
