/**
 * The demo PKI's services over HTTP, for the demo only and marked as such (x-trust-demo): a TSA
 * (RFC 3161, POST application/timestamp-query) and an OCSP responder (RFC 6960, POST
 * application/ocsp-request) for the certificates of the demo issuing CA, answering from the
 * module's CRLs. A real deployment points TSA_URL and its revocation sources at the real
 * services; without the demo PKI (or its key-encryption key) both answer 404.
 */
import { resolve } from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { Platform } from '../../platform/context';
import { DomainError, notFound } from '../../http/errors';
import { problemResponses } from '../../http/schemas';
import { createOcspResponder, type OcspResponder } from '../../lib/ocsp';
import type { TsaResponder } from '../../lib/tsp';
import { bytes, x509 } from './engine';
import { existingKek } from './keys';
import { heldCrls } from './registry';
import { crlRevocationCheck } from './revocation';
import { DEMO_HEADER } from './routes';
import { heldKeyWithCertificate, openDemoTsa } from './services';

const TSQ = 'application/timestamp-query';
const OCSP_REQUEST = 'application/ocsp-request';
const REQUEST_LIMIT = 16 * 1024;
/** Per client address: a demo signs for anyone, within reason. */
const DEMO_RATE = { max: 120, timeWindow: '1 minute' };

const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });

function badRequest(what: string, whatEn: string, error: unknown): DomainError {
  return new DomainError({
    code: 'trust_bad_request',
    status: 400,
    message: `Yêu cầu ${what} không đọc được: ${error instanceof Error ? error.message : String(error)}`,
    messageEn: `The ${whatEn} request could not be read.`,
  });
}

export const trustDemoRoutes: FastifyPluginAsyncTypebox<Platform> = async (app, { db, dbKind, config }) => {
  for (const type of [TSQ, OCSP_REQUEST])
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: REQUEST_LIMIT }, (_request, body, done) =>
      done(null, body),
    );
  const kek = () =>
    existingKek(config.trustKek, dbKind === 'pglite' ? { dataDir: resolve(config.dataDir) } : null);
  let tsa: TsaResponder | null = null;
  let ocsp: OcspResponder | null = null;

  const demoTsa = async () => {
    const key = kek();
    tsa ??= key ? await openDemoTsa(db, key) : null;
    if (!tsa) throw notFound('máy chủ dấu thời gian của PKI mẫu', 'The demo TSA');
    return tsa;
  };
  const demoOcsp = async () => {
    if (ocsp) return ocsp;
    const key = kek();
    const held = key ? await heldKeyWithCertificate(db, key, 'demo-ocsp') : null;
    const issuing = await db
      .selectFrom('trust_intermediates')
      .select(['der', 'subject'])
      .where('source', '=', 'demo')
      .executeTakeFirst();
    if (!held || !issuing) throw notFound('dịch vụ OCSP của PKI mẫu', 'The demo OCSP responder');
    const issuer = new x509.X509Certificate(bytes(issuing.der));
    ocsp = createOcspResponder({
      issuer: issuing.der,
      signerCertificate: held.der,
      signerKey: held.key,
      validitySeconds: 3600,
      statusOf: async (serialHex) => {
        const row = await db
          .selectFrom('trust_certificates')
          .select('der')
          // Stored as the certificate writes it (a leading 0 nibble kept), asked without leading zeros.
          .where(sql<string>`ltrim(serial, '0')`, '=', serialHex.replace(/^0+(?=.)/, ''))
          .where('issuer', '=', issuing.subject)
          .executeTakeFirst();
        if (!row) return { status: 'unknown' };
        const check = crlRevocationCheck(await heldCrls(db));
        const status = await check(new x509.X509Certificate(bytes(row.der)), issuer, new Date());
        return status.status === 'revoked'
          ? { status: 'revoked', revokedAt: status.revokedAt ?? new Date(0) }
          : { status: status.status };
      },
    });
    return ocsp;
  };

  app.post(
    '/api/trust/demo/tsa',
    {
      config: { access: 'public', rateLimit: DEMO_RATE },
      schema: {
        tags: ['Chứng thư số'],
        summary:
          'Máy chủ cấp dấu thời gian DEMO (RFC 3161; chỉ khi đang dùng PKI mẫu, không có giá trị pháp lý)',
        consumes: [TSQ],
        response: { 200: Binary, ...problemResponses },
      },
    },
    async (request, reply) => {
      const responder = await demoTsa();
      const answer = await responder
        .respond(new Uint8Array(request.body as Buffer))
        .catch((error: unknown) => {
          throw badRequest('cấp dấu thời gian', 'timestamp', error);
        });
      return reply
        .type('application/timestamp-reply')
        .header(DEMO_HEADER[0], DEMO_HEADER[1])
        .send(Buffer.from(answer));
    },
  );

  app.post(
    '/api/trust/demo/ocsp',
    {
      config: { access: 'public', rateLimit: DEMO_RATE },
      schema: {
        tags: ['Chứng thư số'],
        summary:
          'Dịch vụ OCSP DEMO của CA cấp mẫu (RFC 6960; chỉ khi đang dùng PKI mẫu, không có giá trị pháp lý)',
        consumes: [OCSP_REQUEST],
        response: { 200: Binary, ...problemResponses },
      },
    },
    async (request, reply) => {
      const responder = await demoOcsp();
      const answer = await responder
        .respond(new Uint8Array(request.body as Buffer))
        .catch((error: unknown) => {
          throw badRequest('OCSP', 'OCSP', error);
        });
      return reply
        .type('application/ocsp-response')
        .header(DEMO_HEADER[0], DEMO_HEADER[1])
        .send(Buffer.from(answer));
    },
  );
};
