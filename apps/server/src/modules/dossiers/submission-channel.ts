/**
 * The channel of a new dossier (kênh tiếp nhận). A citizen's own submission through the portal is
 * online by definition, so the citizen need not say it; an officer entering a dossier says how it
 * arrived, at the counter or by post (NĐ 61/2018, art. 6: receipt at the one-stop shop, by post
 * or online), because that decides the due date and the statistics.
 */
import { fieldError, invalid } from '../../http/errors';
import type { Principal } from '../auth';

export type SubmissionChannel = 'online' | 'counter' | 'post';

/** The channel as given, or the default for a citizen; an officer must give it. */
export function submissionChannel(
  principal: Pick<Principal, 'kind'>,
  channel: SubmissionChannel | undefined,
): SubmissionChannel {
  if (channel !== undefined) return channel;
  if (principal.kind === 'citizen') return 'online';
  throw invalid([
    fieldError(
      '/channel',
      'required',
      'Hãy chọn kênh tiếp nhận hồ sơ: trực tiếp tại Bộ phận Một cửa (counter) hoặc qua bưu chính (post).',
      'Say how the dossier arrived: at the counter (counter) or by post (post).',
    ),
  ]);
}
