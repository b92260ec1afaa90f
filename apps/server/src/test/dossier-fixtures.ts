/** Shared data of the dossier tests: a provincial procedure handled by Sở Xây dựng and a valid form. */
import type { FastifyInstance } from 'fastify';
import { as, type Session } from './harness';
import { multipart, PDF, PERMIT, PERMIT_REQUIRED_DOCUMENTS, permitForm } from './dossier-data';

export {
  BIRTH,
  BIRTH_CASES,
  birthForm,
  multipart,
  PDF,
  PERMIT,
  PERMIT_REQUIRED_DOCUMENTS,
  permitForm,
  PNG,
} from './dossier-data';

/** Submits the permit online as `session` and returns the dossier code. */
export async function submitPermit(
  app: FastifyInstance,
  session: Session,
  formData: object = permitForm,
): Promise<string> {
  const response = await as(
    app,
    session,
  )({
    method: 'POST',
    url: '/api/dossiers',
    payload: { procedureCode: PERMIT, channel: 'online', formData },
  });
  if (response.statusCode !== 201)
    throw new Error(`submission failed: ${response.statusCode} ${response.body}`);
  return response.json<{ code: string }>().code;
}

/** Uploads a file for each document the permit requires online, to a draft (before submitting it). */
export async function attachPermitDocuments(
  app: FastifyInstance,
  session: Session,
  draftId: number,
): Promise<void> {
  for (const code of PERMIT_REQUIRED_DOCUMENTS) {
    const file = multipart(`${code}.pdf`, PDF);
    const response = await as(
      app,
      session,
    )({
      method: 'POST',
      url: `/api/drafts/${draftId}/attachments?documentCode=${code}`,
      payload: file.payload,
      headers: file.headers,
    });
    if (response.statusCode !== 201 && response.statusCode !== 200)
      throw new Error(`upload failed: ${response.statusCode} ${response.body}`);
  }
}

/** Accepts a submitted dossier as the receiving officer `session` (a second action in its history). */
export async function acceptDossier(app: FastifyInstance, session: Session, code: string): Promise<void> {
  const response = await as(
    app,
    session,
  )({ method: 'POST', url: `/api/dossiers/${code}/actions`, payload: { type: 'accept' } });
  if (response.statusCode !== 200) throw new Error(`accept failed: ${response.statusCode} ${response.body}`);
}
