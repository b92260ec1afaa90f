/** Public surface of the auth module: principals and permissions, sessions and tokens, passwords. */
export {
  AGENCY_GRANTABLE_ROLES,
  hasPermissionAnywhere,
  hasPermissionIn,
  hasPermissionOverSubtree,
  isSystemAdmin,
  type Grant,
  type Permission,
  type Principal,
} from './permissions';
export { hashPassword, passwordProblems } from './password';
// The grants of a principal are org's (role_grants); offered here beside the principal.
export { activeGrants } from '../org';
export { sha256 } from './secrets';
export { SESSION_COOKIE, endSessionsOf, resolveApiToken, resolveSession } from './service';

/** The module's self-description (routes, jobs), for the list in src/modules.ts. */
export { authModule } from './module';
