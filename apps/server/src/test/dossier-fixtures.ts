/** Shared data of the dossier tests: a provincial procedure handled by Sở Xây dựng and a valid form. */
import type { FastifyInstance } from 'fastify';
import { as, type Session } from './harness';
import { PERMIT, permitForm } from './dossier-data';

export { multipart, PDF, PERMIT, permitForm, PNG } from './dossier-data';

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
