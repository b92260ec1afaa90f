/** Shared data of the dossier tests: a provincial procedure handled by Sở Xây dựng and a valid form. */
import type { FastifyInstance } from 'fastify';
import { as, type Session } from './harness';

/** Cấp giấy phép xây dựng — received by the provincial service centre, handled by Sở Xây dựng. */
export const PERMIT = '1.013236';

export const permitForm = {
  applicant: {
    fullName: 'Võ Thị Ngọc Ánh',
    birthDate: '1990-05-01',
    identityNumber: '072190001234',
    address: 'Tây Ninh',
    phone: '0912345678',
  },
  details: { worksName: 'Nhà ở', worksAddress: 'Phường Tân Ninh' },
};

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
