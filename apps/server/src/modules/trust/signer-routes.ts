/**
 * An official's own signing key, over HTTP:
 * - GET /api/trust/me/signing-key: whether the platform holds a key for them, whether a PIN
 *   guards it (and whether it is locked), and their registered signing certificates — the ones a
 *   token of theirs signs with (the external signer's flow);
 * - PUT /api/trust/me/signing-key/pin: set or change that PIN;
 * - POST /api/trust/demo/signing-certificates: the demo CA certifies a public key of a token of
 *   theirs and registers it as their signing certificate (demo only, marked x-trust-demo: a real
 *   deployment registers the certificates of the government CA through POST /api/trust/certificates).
 */
import { createPublicKey } from 'node:crypto';
import { resolve } from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Platform } from '../../platform/context';
import { actorOf, requirePrincipal } from '../../http/access';
import { conflict, forbidden, notFound, unprocessable } from '../../http/errors';
import { Nullable, problemResponses } from '../../http/schemas';
import { recordAudit } from '../audit';
import { describeCertificate, toPem } from './certificates';
import { issueDemoSigningCertificate } from './demo-pki';
import { bytes, x509 } from './engine';
import { encryptedKeyProtector, existingKek, loadKey } from './keys';
import { changeKeyPin } from './pins';
import { insertCertificate } from './registry';
import { DEMO_HEADER } from './routes';
import { certificatesOf, heldSigningKeyOf } from './signers';

const tags = ['Chứng thư số'];
const Pin = Type.String({ minLength: 1, maxLength: 64, description: 'Mã PIN ký số (6–16 ký tự)' });
const SigningKeySchema = Type.Object({
  held: Type.Boolean({ description: 'Hệ thống giữ khóa ký số của người dùng (ký bằng lệnh sign)' }),
  hasPin: Type.Boolean(),
  pinSetAt: Nullable(Type.String({ format: 'date-time' })),
  lockedUntil: Nullable(Type.String({ format: 'date-time' })),
  certificates: Type.Array(
    Type.Object({
      serial: Type.String(),
      subject: Type.String(),
      notAfter: Type.String({ format: 'date-time' }),
      held: Type.Boolean(),
    }),
  ),
});

export const trustSignerRoutes: FastifyPluginAsyncTypebox<Platform> = async (app, { db, dbKind, config }) => {
  const kek = () =>
    existingKek(config.trustKek, dbKind === 'pglite' ? { dataDir: resolve(config.dataDir) } : null);

  app.get(
    '/api/trust/me/signing-key',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Khóa ký số của tôi: hệ thống có giữ không, mã PIN, các chứng thư ký số đã đăng ký',
        response: { 200: SigningKeySchema, ...problemResponses },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const [held, certificates] = await Promise.all([
        heldSigningKeyOf(db, principal.userId),
        certificatesOf(db, { userId: principal.userId }),
      ]);
      return {
        held: held !== null,
        hasPin: held?.hasPin ?? false,
        pinSetAt: held?.pinSetAt?.toISOString() ?? null,
        lockedUntil: held?.lockedUntil?.toISOString() ?? null,
        certificates: certificates.map((c) => ({
          serial: c.serial,
          subject: c.subject,
          notAfter: c.not_after.toISOString(),
          held: held?.certificateSerial === c.serial,
        })),
      };
    },
  );

  app.put(
    '/api/trust/me/signing-key/pin',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Đặt hoặc đổi mã PIN của khóa ký số hệ thống giữ cho tôi',
        description:
          'Lần đầu không cần mã PIN hiện tại; sau đó cần. Sai 5 lần liên tiếp thì khóa ký số tạm khóa 15 phút (429).',
        body: Type.Object({ currentPin: Type.Optional(Pin), newPin: Pin }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const key = kek();
      const held = key ? await heldSigningKeyOf(db, principal.userId) : null;
      if (!key || !held)
        throw conflict(
          'no_held_key',
          'Hệ thống không giữ khóa ký số của ông/bà.',
          'The platform holds no signing key of yours.',
        );
      await changeKeyPin(db, key, actorOf(request), held.label, {
        currentPin: request.body.currentPin ?? null,
        newPin: request.body.newPin,
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/trust/demo/signing-certificates',
    {
      config: { access: 'authenticated', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary:
          'PKI mẫu: cấp chứng thư ký số mẫu cho khóa công khai trên thiết bị ký số của tôi (không có giá trị pháp lý)',
        body: Type.Object(
          {
            publicKey: Type.String({
              minLength: 100,
              maxLength: 4000,
              pattern: '^[A-Za-z0-9+/=\\s]+$',
              description: 'SubjectPublicKeyInfo (DER) mã hóa base64; RSA từ 2048 bit',
            }),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            id: Type.Integer(),
            certificate: Type.String(),
            chain: Type.Array(Type.String()),
          }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      if (principal.kind !== 'officer')
        throw forbidden('Chỉ cán bộ được cấp chứng thư ký số.', 'Only officials get signing certificates.');
      const key = kek();
      const held = key ? await loadKey(db, encryptedKeyProtector(key), 'demo-issuing') : null;
      const issuingRow = held
        ? await db
            .selectFrom('trust_intermediates')
            .select('der')
            .where('fingerprint_sha256', '=', held.certificateFingerprint)
            .executeTakeFirst()
        : undefined;
      if (!held || !issuingRow) throw notFound('CA cấp của PKI mẫu', 'The demo issuing CA');
      const issuing = { key: held.key, der: issuingRow.der };
      const spki = Buffer.from(request.body.publicKey.replace(/\s+/g, ''), 'base64');
      let bits = 0;
      try {
        const details = createPublicKey({ key: spki, format: 'der', type: 'spki' });
        if (details.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
        bits = details.asymmetricKeyDetails?.modulusLength ?? 0;
      } catch {
        throw unprocessable(
          'public_key_invalid',
          'Khóa công khai không phải SubjectPublicKeyInfo RSA hợp lệ.',
          'The public key is not a valid RSA SubjectPublicKeyInfo.',
        );
      }
      if (bits < 2048)
        throw unprocessable(
          'public_key_weak',
          'Khóa RSA phải từ 2048 bit.',
          'The RSA key must have 2048 bits or more.',
        );
      const unit = principal.primaryUnitId
        ? await db
            .selectFrom('units_view')
            .select('name')
            .where('id', '=', principal.primaryUnitId)
            .executeTakeFirst()
        : undefined;
      const issuingCertificate = new x509.X509Certificate(bytes(issuing.der));
      const certificate = await issueDemoSigningCertificate(
        { certificate: issuingCertificate, privateKey: issuing.key },
        { username: principal.username, fullName: principal.fullName, unitName: unit?.name ?? '' },
        new Uint8Array(spki),
      );
      const info = describeCertificate(certificate);
      const id = await db.transaction().execute(async (trx) => {
        const id = await insertCertificate(
          trx,
          info,
          { purpose: 'signing', userId: principal.userId, unitId: null },
          'demo',
          principal.userId,
        );
        await recordAudit(trx, actorOf(request), {
          action: 'trust.demo_signing_certificate_issued',
          entityType: 'trust_certificate',
          entityId: id,
          after: { subject: info.subject, serial: info.serial, fingerprint: info.fingerprint },
        });
        return id;
      });
      return reply
        .status(201)
        .header(DEMO_HEADER[0], DEMO_HEADER[1])
        .send({
          id,
          certificate: toPem(new Uint8Array(certificate.rawData)),
          chain: [toPem(issuing.der)],
        });
    },
  );
};
