/**
 * E-mail texts for applicants, Vietnamese. Every value typed by a citizen or an officer is
 * escaped in the HTML version.
 */
import { vietnameseDateTimeWords } from '../../lib/time';
import type { DossierAction } from '@tayninh/domain/dossiers/lifecycle';

export const NOTIFIED_ACTIONS = {
  accepted: 'received',
  intake_supplement_requested: 'supplement_requested',
  supplement_requested: 'supplement_requested',
  intake_refused: 'refused',
  approved: 'result_ready',
  rejected: 'result_ready',
  apologised: 'apologised',
} as const;
export type NotificationKind = (typeof NOTIFIED_ACTIONS)[keyof typeof NOTIFIED_ACTIONS];

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );
}

const when = (iso: string) => vietnameseDateTimeWords(iso);

export interface MailContent {
  subject: string;
  lines: string[];
}

export function composeMail(input: {
  kind: NotificationKind;
  action: DossierAction;
  code: string;
  applicantName: string;
  procedureName: string;
  receivingUnit: string;
  lookupUrl: string;
}): MailContent {
  const { action } = input;
  const greeting = `Kính gửi Ông/Bà ${input.applicantName},`;
  const about = `Hồ sơ ${input.code} — ${input.procedureName}.`;
  const footer = [
    `Tra cứu tình trạng hồ sơ: ${input.lookupUrl}`,
    `${input.receivingUnit}`,
    'Thư này được gửi tự động; vui lòng không trả lời.',
  ];
  switch (input.kind) {
    case 'received':
      return {
        subject: `Hồ sơ ${input.code} đã được tiếp nhận`,
        lines: [
          greeting,
          about,
          `${input.receivingUnit} đã tiếp nhận hồ sơ của Ông/Bà.`,
          ...(action.type === 'accepted' ? [`Thời gian hẹn trả kết quả: ${when(action.dueAt)}.`] : []),
          ...footer,
        ],
      };
    case 'supplement_requested':
      return {
        subject: `Hồ sơ ${input.code}: đề nghị bổ sung, hoàn thiện`,
        lines: [
          greeting,
          about,
          'Đề nghị Ông/Bà bổ sung, hoàn thiện các nội dung sau:',
          ...('items' in action ? action.items.map((item, i) => `${i + 1}. ${item}`) : []),
          ...footer,
        ],
      };
    case 'refused':
      return {
        subject: `Hồ sơ ${input.code}: từ chối tiếp nhận`,
        lines: [
          greeting,
          about,
          'Hồ sơ không được tiếp nhận giải quyết.',
          ...('reason' in action ? [`Lý do: ${action.reason}`] : []),
          ...footer,
        ],
      };
    case 'result_ready':
      return {
        subject: `Hồ sơ ${input.code} đã có kết quả`,
        lines: [
          greeting,
          about,
          action.type === 'rejected'
            ? `Hồ sơ không được giải quyết. Lý do: ${action.reason}`
            : 'Hồ sơ đã có kết quả giải quyết.',
          'Mời Ông/Bà nhận kết quả theo hình thức đã đăng ký.',
          ...footer,
        ],
      };
    case 'apologised':
      return {
        subject: `Hồ sơ ${input.code}: xin lỗi và hẹn lại ngày trả kết quả`,
        lines: [
          greeting,
          about,
          'Hồ sơ của Ông/Bà chưa giải quyết được đúng hẹn. Chúng tôi thành thật xin lỗi Ông/Bà.',
          ...(action.type === 'apologised'
            ? [`Lý do: ${action.reason}`, `Thời gian hẹn trả kết quả mới: ${when(action.newDueAt)}.`]
            : []),
          ...footer,
        ],
      };
  }
}

export function renderText(content: MailContent): string {
  return content.lines.join('\n\n');
}

export function renderHtml(content: MailContent): string {
  return `<!doctype html><html lang="vi"><body>${content.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}</body></html>`;
}
