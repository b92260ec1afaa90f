/**
 * The official documents of the authorisation test's world, drafted through the API at X (Sở
 * Xây dựng) by specialistX for leaderX to sign: N1 a draft, N2 submitted (content review), N3 a
 * secret draft (shown to nobody but its drafter and signer).
 */
import { as, type Session } from '../harness';
import { ctx, type DocumentFixture, type DocumentKey, type PersonaKey, type UnitKey } from './world';

export function documentDraft(signerUserId: number, recipientUnitId: number, secrecy = 'none') {
  return {
    kind: 'cong-van',
    subject: 'Về việc phối hợp kiểm tra trật tự xây dựng',
    body: 'Sở Xây dựng đề nghị các đơn vị phối hợp kiểm tra trật tự xây dựng trên địa bàn.',
    secrecy,
    signerUserId,
    signerPosition: 'Giám đốc',
    recipients: [{ unitId: recipientUnitId }],
  };
}

export async function buildDocuments(
  sessions: Map<PersonaKey, Session>,
  unitIds: Record<UnitKey, number>,
  userIds: Record<string, number>,
): Promise<Record<DocumentKey, DocumentFixture>> {
  const drafter = as(ctx.app, sessions.get('specialistX')!);
  const draft = async (key: DocumentKey, secrecy: string, submit: boolean): Promise<DocumentFixture> => {
    const created = await drafter({
      method: 'POST',
      url: '/api/documents',
      payload: documentDraft(userIds['lanhdao.xd']!, unitIds.Y, secrecy),
    });
    if (created.statusCode !== 201) throw new Error(`draft ${key}: ${created.body}`);
    const { id, files } = created.json<{ id: number; files: Array<{ id: number }> }>();
    if (submit) {
      const submitted = await drafter({
        method: 'POST',
        url: `/api/documents/${id}/actions`,
        payload: { type: 'submit' },
      });
      if (submitted.statusCode !== 200) throw new Error(`submit ${key}: ${submitted.body}`);
    }
    return {
      key,
      id,
      fileId: files[0]!.id,
      owner: 'specialistX',
      signer: 'leaderX',
      agency: 'X',
      secret: secrecy !== 'none',
      status: submit ? 'content_review' : 'drafting',
    };
  };
  return {
    N1: await draft('N1', 'none', false),
    N2: await draft('N2', 'none', true),
    N3: await draft('N3', 'confidential', false),
  };
}
