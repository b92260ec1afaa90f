/**
 * Returning the result online (NĐ 61/2018 Điều 20; NĐ 107/2021: electronic results) hands the
 * applicant the electronic result on their dossier's page. Without a file attached as the result
 * (purpose `result`) there is nothing to hand over, so the return is refused until one is.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { conflict } from '../../http/errors';

export async function requireElectronicResult(db: Kysely<Database>, dossierId: number): Promise<void> {
  const file = await db
    .selectFrom('dossier_attachments')
    .select('id')
    .where('dossier_id', '=', dossierId)
    .where('purpose', '=', 'result')
    .limit(1)
    .executeTakeFirst();
  if (file) return;
  throw conflict(
    'result_file_missing',
    'Trả kết quả trực tuyến cần có tệp kết quả điện tử: hãy đính kèm tệp kết quả (bản điện tử của văn bản, giấy tờ là kết quả giải quyết) trước khi trả, hoặc chọn trả tại Bộ phận Một cửa hay qua bưu chính.',
    'Returning online needs an electronic result file: attach it first (purpose "result"), or return at the counter or by post.',
  );
}
