/**
 * The statuses of an official document (lifecycle.ts folds its history into one) and their
 * Vietnamese names, shown as they are by the server's answers and the web.
 */
export const OUTGOING_STATUSES = [
  'drafting',
  'content_review',
  'form_review',
  'awaiting_signature',
  'signed',
  'sealed',
  'issued',
  'recalled',
  'replaced',
  'cancelled',
] as const;
export const INCOMING_STATUSES = [
  'delivered',
  'received',
  'returned_to_sender',
  'awaiting_direction',
  'in_progress',
  'completed',
  'filed',
  'withdrawn_by_sender',
  'superseded',
] as const;
export type OutgoingStatus = (typeof OUTGOING_STATUSES)[number];
export type IncomingStatus = (typeof INCOMING_STATUSES)[number];
export type DocumentStatus = OutgoingStatus | IncomingStatus;

export const DOCUMENT_STATUS_NAMES: Record<DocumentStatus, string> = {
  drafting: 'Đang soạn thảo',
  content_review: 'Chờ lãnh đạo đơn vị duyệt nội dung',
  form_review: 'Chờ kiểm tra thể thức',
  awaiting_signature: 'Chờ người có thẩm quyền ký',
  signed: 'Đã ký, chờ cấp số và ký số của cơ quan',
  sealed: 'Đã cấp số, chờ phát hành',
  issued: 'Đã phát hành',
  recalled: 'Đã thu hồi',
  replaced: 'Đã bị thay thế bằng văn bản khác',
  cancelled: 'Đã hủy dự thảo',
  delivered: 'Đã đến, chờ văn thư tiếp nhận',
  received: 'Đã tiếp nhận, chờ vào sổ',
  returned_to_sender: 'Đã trả lại nơi gửi',
  awaiting_direction: 'Đã vào sổ, chờ lãnh đạo cho ý kiến chỉ đạo',
  in_progress: 'Đang giải quyết',
  completed: 'Đã giải quyết',
  filed: 'Đã lập hồ sơ',
  withdrawn_by_sender: 'Nơi gửi đã thu hồi',
  superseded: 'Nơi gửi đã thay thế bằng văn bản khác',
};

export const TERMINAL_DOCUMENT_STATUSES: readonly DocumentStatus[] = [
  'recalled',
  'replaced',
  'cancelled',
  'returned_to_sender',
  'filed',
  'withdrawn_by_sender',
  'superseded',
];
