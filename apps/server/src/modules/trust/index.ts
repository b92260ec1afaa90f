/**
 * Public surface of the trust module: certificates of officials and agencies, trust anchors,
 * certificate path validation, the demo PKI and the keys the platform holds.
 */
export {
  describeCertificate,
  parseCertificate,
  parseCertificates,
  toPem,
  type CertificateInfo,
} from './certificates';
export {
  validatePath,
  type IsRevoked,
  type PathOptions,
  type PathResult,
  type RevocationStatus,
} from './validate';
export { refusalError, type PathReasonCode, type PathRefusal, type PathUsage } from './reasons';
export { crlRevocationCheck } from './revocation';
export {
  DEFAULT_REVOCATION_POLICY,
  revocationChecker,
  revocationUrls,
  type RevocationPolicy,
} from './revocation-service';
export { pathOptionsOf } from './registry';
export { DEMO_LABEL, generateDemoPki, type DemoPki } from './demo-pki';
export { createDemoPki, demoPkiExists, type DemoPkiCreated, type DemoPkiRequest } from './demo-seed';
export {
  encryptedKeyProtector,
  existingKek,
  loadKek,
  loadKey,
  KEK_FILE,
  type KekSource,
  type KeyProtector,
  type ProtectedKey,
} from './keys';
export {
  DEFAULT_SEAL_LABEL,
  DEMO_TSA_POLICY,
  openDemoTsa,
  openPlatformSeal,
  openTokenSeal,
  openTimestamper,
  type PlatformSeal,
  type Timestamper,
} from './services';
export {
  certificatesOf,
  checkSignerPath,
  heldSigningKeyOf,
  openHeldSigner,
  validationDataOf,
  verificationMaterial,
  type KeyOwner,
} from './signers';

export { readCertificate } from './commands';
export { changeKeyPin, PIN_LOCK_MINUTES, PIN_TRIES } from './pins';

/** The module's self-description (routes, jobs), for the list in src/modules.ts. */
export { trustModule } from './module';
