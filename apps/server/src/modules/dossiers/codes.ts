/**
 * Dossier codes: the format is the domain's (@tayninh/domain/dossiers/code); the numbering is the
 * store's (store/codes.ts). What a full day answers is here.
 */
import { DomainError } from '../../http/errors';

export { formatDossierCode, MAX_DAILY_NUMBER } from '@tayninh/domain/dossiers/code';

export function dailyLimitReached(): DomainError {
  return new DomainError({
    code: 'daily_sequence_exhausted',
    status: 503,
    message:
      'Đơn vị đã tiếp nhận đủ 9.999 hồ sơ trong ngày theo định dạng mã hồ sơ; vui lòng liên hệ quản trị hệ thống.',
    messageEn: 'The unit reached 9,999 dossiers today.',
  });
}
