/** The administration's certificates page (/quan-tri/chung-thu). */
import type { Messages } from '../types';
import type vi from '../vi/admin-trust';

export default {
  title: 'Certificates and trust anchors',
  intro:
    'Officials’ signing certificates and agencies’ electronic seals, which the platform checks signatures against. On registration the system checks the path to a trust anchor, the dates, the key usage and revocation.',
  none: 'No certificate is registered (with this filter).',
  purposeFilter: 'Kind of certificate',
  purposes: {
    signing: 'Personal signing',
    seal: 'Agency seal',
    timestamping: 'Time-stamping',
    ocsp: 'OCSP responses',
  },
  register: 'Register a certificate',
  registerTitle: 'Register a certificate',
  registered: 'Certificate registered.',
  anchors: 'Download the trust anchors (PEM)',
  subject: 'Subject',
  issuer: 'Issued by: {{issuer}}',
  purpose: 'Purpose',
  owner: 'Holder',
  user: 'Account #{{id}}',
  validity: 'Valid',
  expired: 'Expired',
  fingerprint: 'SHA-256 fingerprint',
  unit: 'Agency',
  userId: 'Signer’s account number',
  userIdHint: 'The officer’s account number, shown under Users and roles.',
  certificate: 'Certificate (PEM)',
  certificateHint: 'Paste the public part of the certificate, starting with -----BEGIN CERTIFICATE-----.',
  invalidCertificate: 'Please paste a PEM certificate (or base64 DER).',
} satisfies Messages<typeof vi>;
