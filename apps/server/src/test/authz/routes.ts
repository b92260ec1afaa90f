/** The route table: every operation of the OpenAPI document, classified (see authz-routes.test.ts). */
import type { RouteSpec } from './cases';
import { DOCUMENT_ROUTES } from './routes-documents';
import { DOSSIER_ROUTES } from './routes-dossier';
import { PUBLIC_ROUTES } from './routes-public';
import { UNIT_ROUTES } from './routes-unit';

export const ROUTES: Record<string, RouteSpec> = {
  ...PUBLIC_ROUTES,
  ...UNIT_ROUTES,
  ...DOSSIER_ROUTES,
  ...DOCUMENT_ROUTES,
};
