/** Public surface of the org module: the administrative tree, its units and the users. */
export { subtreeIds, unitPath } from './tree';
export { UserSchema } from './user-contracts';
export { describeUser, officialEmails } from './user-queries';
export { officialsIn, type Official } from './officials';
export {
  accountOf,
  activeGrants,
  createCitizenAccount,
  signInCredentials,
  type CitizenAccount,
} from './accounts';
export {
  closeUnitsOn,
  insertSuccessions,
  insertUnit,
  insertUsersWithGrants,
  type NewAccount,
  type NewSuccession,
  type NewUnit,
} from './seed';
export { applicantAccount, createCitizenAccounts } from './applicant-accounts';

/** The module's self-description (routes, jobs), for the list in src/modules.ts. */
export { orgModule } from './module';
