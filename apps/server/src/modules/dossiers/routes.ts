/**
 * The dossier routes: one plugin per resource (http/), their schemas in contracts/. Registered in
 * one scope under the multipart parser the uploads need, in the order the API document lists them.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '../../platform/context';
import { MAX_FILE_BYTES } from './attachments';
import { attachmentRoutes } from './http/attachment-routes';
import { dossierResourceRoutes } from './http/dossier-routes';
import { draftRoutes } from './http/draft-routes';
import { recordRoutes } from './http/record-routes';

export const dossierRoutes: FastifyPluginAsyncTypebox<Platform> = async (app, platform) => {
  await app.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 0, parts: 1 } });
  for (const routes of [attachmentRoutes, draftRoutes, dossierResourceRoutes, recordRoutes])
    await app.register(routes, platform);
};
