/**
 * Why a certificate is refused: a stable code and the sentence for the user, in Vietnamese and
 * English. validatePath returns these; the module maps them to RFC 9457 problem documents
 * (status 422, the code as the problem's `code`).
 */
import { DomainError } from '../../http/errors';

export type PathUsage = 'signing' | 'seal' | 'timestamping' | 'ocsp';

export type PathReasonCode =
  | 'certificate_malformed'
  | 'certificate_expired'
  | 'certificate_not_yet_valid'
  | 'wrong_key_usage'
  | 'untrusted_issuer'
  | 'certificate_revoked'
  | 'revocation_unknown';

export interface PathRefusal {
  ok: false;
  code: PathReasonCode;
  message: string;
  messageEn: string;
  /** Subject of the certificate the refusal is about (the leaf, or a CA of its path). */
  subject: string | null;
}

const USAGE_VI: Record<PathUsage, string> = {
  signing: 'ký số của cá nhân',
  seal: 'ký số của cơ quan (con dấu)',
  timestamping: 'cấp dấu thời gian',
  ocsp: 'ký phản hồi OCSP',
};
const USAGE_EN: Record<PathUsage, string> = {
  signing: "an official's signature",
  seal: "an agency's seal",
  timestamping: 'timestamping',
  ocsp: 'signing OCSP responses',
};

/** A moment as the province reads it (Asia/Ho_Chi_Minh), e.g. 01/07/2025 08:00. */
export function vietnamTime(date: Date): string {
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}

function which(subject: string | null, leaf: boolean): [string, string] {
  if (leaf || subject === null) return ['Chứng thư số', 'The certificate'];
  return [`Chứng thư số của tổ chức cấp "${subject}"`, `The CA certificate "${subject}"`];
}

export function refusal(
  code: PathReasonCode,
  details: {
    subject?: string | null;
    leaf?: boolean;
    date?: Date;
    usage?: PathUsage;
    issuer?: string;
    why?: string;
  },
): PathRefusal {
  const subject = details.subject ?? null;
  const [vi, en] = which(subject, details.leaf ?? true);
  const when = details.date ? vietnamTime(details.date) : '';
  const iso = details.date ? details.date.toISOString() : '';
  const texts: Record<PathReasonCode, [string, string]> = {
    certificate_malformed: [
      `Không đọc được chứng thư số (cần một chứng thư X.509 dạng PEM hoặc DER)${details.why ? `: ${details.why}` : ''}.`,
      `The certificate cannot be read (an X.509 certificate in PEM or DER is expected)${details.why ? `: ${details.why}` : ''}.`,
    ],
    certificate_expired: [
      `${vi} đã hết hạn (hết hiệu lực từ ${when}).`,
      `${en} has expired (not valid after ${iso}).`,
    ],
    certificate_not_yet_valid: [
      `${vi} chưa có hiệu lực (có hiệu lực từ ${when}).`,
      `${en} is not valid yet (not valid before ${iso}).`,
    ],
    wrong_key_usage: [
      `Sai mục đích sử dụng khóa: chứng thư số không được cấp để ${USAGE_VI[details.usage ?? 'signing']}${details.why ? ` (${details.why})` : ''}.`,
      `Wrong key usage: the certificate is not issued for ${USAGE_EN[details.usage ?? 'signing']}${details.why ? ` (${details.why})` : ''}.`,
    ],
    untrusted_issuer: [
      `Không có chuỗi chứng thư tới một gốc tin cậy (tổ chức cấp: ${details.issuer ?? 'không rõ'}).`,
      `No certificate path to a trust anchor (issuer: ${details.issuer ?? 'unknown'}).`,
    ],
    certificate_revoked: [`${vi} đã bị thu hồi (từ ${when}).`, `${en} has been revoked (since ${iso}).`],
    revocation_unknown: [
      `Không xác định được tình trạng thu hồi của ${vi.toLowerCase()}.`,
      `The revocation status of ${en.toLowerCase()} is unknown.`,
    ],
  };
  const [message, messageEn] = texts[code];
  return { ok: false, code, message, messageEn, subject };
}

/** The problem document of a refusal (422: the request was understood, the certificate is not acceptable). */
export function refusalError(result: PathRefusal): DomainError {
  return new DomainError({
    code: result.code,
    status: 422,
    message: result.message,
    messageEn: result.messageEn,
    title: ['Chứng thư số không được chấp nhận', 'Certificate not accepted'],
  });
}
