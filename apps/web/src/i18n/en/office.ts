import type { Messages } from '../types';
import type vi from '../vi/office';

export default {
  nav: {
    work: 'Work',
    counter: 'Counter intake',
    reports: 'Reports',
    dashboard: 'Dashboard',
    admin: 'Administration',
    units: 'Agencies and units',
    users: 'Users and roles',
    catalogue: 'Procedure catalogue',
    calendar: 'Holiday calendar',
  },
  queues: {
    to_receive: 'To receive',
    to_process: 'To process',
    to_approve: 'To approve',
    tasks: 'Inter-agency tasks',
    to_return: 'Results to return',
    due_soon: 'Due soon',
    overdue: 'Overdue',
    all: 'All dossiers',
  },
} satisfies Messages<typeof vi>;
