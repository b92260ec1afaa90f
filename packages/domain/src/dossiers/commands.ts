/**
 * The vocabulary of `POST /api/dossiers/:code/actions`: what a user asks for (an imperative
 * command such as `accept` or `request-supplement`), as opposed to what the history records (the
 * past-tense event such as `accepted`). One command may record different events depending on the
 * state: `request-supplement` before receipt is the one-stop shop's intake notice (Mẫu 02), during
 * appraisal it is the handling agency's request under NĐ 61/2018 Điều 19.4.
 *
 * Pure, like lifecycle.ts, and shared with the web app: the buttons it shows are
 * `allowedCommands(state)` filtered by who the user is.
 */
import { allowedActionTypes, type DossierActionType, type DossierState } from './lifecycle';

export const DOSSIER_COMMANDS = [
  'accept',
  'request-supplement',
  'supplement',
  'refuse',
  'assign',
  'forward',
  'complete-task',
  'send-for-approval',
  'approve',
  'reject',
  'request-payment',
  'confirm-payment',
  'apologize',
  'return-result',
  'withdraw',
  'stop',
  'rate',
] as const;
export type DossierCommand = (typeof DOSSIER_COMMANDS)[number];

/** Body fields of POST /actions that a command needs (`required`) or may take (`optional`). */
export type CommandField =
  | 'reason'
  | 'items'
  | 'dueAt'
  | 'assigneeId'
  | 'unitId'
  | 'task'
  | 'taskId'
  | 'amountVnd'
  | 'newDueAt'
  | 'method'
  | 'rating'
  /** Show the optional note to the applicant (notes.ts); internal by default. */
  | 'shareNote';

export interface CommandInfo {
  /** Vietnamese label, as on the button. */
  label: string;
  labelEn: string;
  required: readonly CommandField[];
  optional: readonly CommandField[];
}

export const COMMANDS: Record<DossierCommand, CommandInfo> = {
  accept: {
    label: 'Tiếp nhận hồ sơ',
    labelEn: 'Accept',
    required: [],
    // Only for procedures without a published time: the officer sets the appointment.
    optional: ['dueAt'],
  },
  'request-supplement': {
    label: 'Yêu cầu bổ sung hồ sơ',
    labelEn: 'Request a supplement',
    required: ['items'],
    optional: ['reason'],
  },
  supplement: {
    label: 'Bổ sung hồ sơ',
    labelEn: 'Supplement',
    required: [],
    optional: ['reason', 'shareNote'],
  },
  refuse: { label: 'Từ chối tiếp nhận', labelEn: 'Refuse', required: ['reason'], optional: [] },
  assign: {
    label: 'Phân công xử lý',
    labelEn: 'Assign',
    required: ['assigneeId'],
    optional: ['reason', 'shareNote'],
  },
  forward: {
    label: 'Chuyển liên thông',
    labelEn: 'Forward to an agency',
    required: ['unitId', 'dueAt', 'task'],
    optional: [],
  },
  'complete-task': {
    label: 'Hoàn thành nhiệm vụ liên thông',
    labelEn: 'Complete the agency task',
    required: [],
    optional: ['taskId', 'reason', 'shareNote'],
  },
  'send-for-approval': {
    label: 'Trình lãnh đạo phê duyệt',
    labelEn: 'Send for approval',
    required: [],
    optional: ['reason', 'shareNote'],
  },
  approve: { label: 'Phê duyệt', labelEn: 'Approve', required: [], optional: ['reason', 'shareNote'] },
  reject: {
    label: 'Từ chối giải quyết',
    labelEn: 'Reject',
    required: ['reason'],
    optional: [],
  },
  'request-payment': {
    label: 'Yêu cầu thực hiện nghĩa vụ tài chính',
    labelEn: 'Request payment',
    required: ['amountVnd'],
    optional: ['reason', 'shareNote'],
  },
  'confirm-payment': {
    label: 'Xác nhận đã thực hiện nghĩa vụ tài chính',
    labelEn: 'Confirm payment',
    required: [],
    optional: ['reason', 'shareNote'],
  },
  apologize: {
    label: 'Xin lỗi và hẹn lại ngày trả kết quả',
    labelEn: 'Apologise with a new date',
    required: ['reason', 'newDueAt'],
    optional: [],
  },
  'return-result': { label: 'Trả kết quả', labelEn: 'Return the result', required: [], optional: ['method'] },
  withdraw: { label: 'Rút hồ sơ', labelEn: 'Withdraw', required: ['reason'], optional: [] },
  stop: { label: 'Dừng xử lý hồ sơ', labelEn: 'Stop processing', required: ['reason'], optional: [] },
  rate: {
    label: 'Đánh giá mức độ hài lòng',
    labelEn: 'Rate the service',
    required: ['rating'],
    optional: [],
  },
};

/** Vietnamese names of the history's events. */
export const EVENT_NAMES: Record<DossierActionType, string> = {
  submitted: 'Nộp hồ sơ',
  intake_supplement_requested: 'Yêu cầu bổ sung, hoàn thiện hồ sơ (chưa tiếp nhận)',
  supplemented: 'Bổ sung hồ sơ',
  intake_refused: 'Từ chối tiếp nhận hồ sơ',
  accepted: 'Tiếp nhận hồ sơ, hẹn ngày trả kết quả',
  assigned: 'Phân công chuyên viên xử lý',
  forwarded: 'Chuyển liên thông đến cơ quan phối hợp',
  task_completed: 'Cơ quan phối hợp hoàn thành nhiệm vụ',
  supplement_requested: 'Yêu cầu bổ sung hồ sơ trong quá trình thẩm định',
  sent_for_approval: 'Trình lãnh đạo phê duyệt',
  approved: 'Lãnh đạo phê duyệt kết quả',
  rejected: 'Từ chối giải quyết (có văn bản nêu lý do)',
  payment_requested: 'Thông báo nghĩa vụ tài chính',
  payment_confirmed: 'Xác nhận đã thực hiện nghĩa vụ tài chính',
  apologised: 'Xin lỗi và hẹn lại ngày trả kết quả',
  result_returned: 'Trả kết quả',
  withdrawn: 'Rút hồ sơ',
  stopped: 'Dừng xử lý hồ sơ',
  rated: 'Người nộp đánh giá mức độ hài lòng',
  attachment_added: 'Đính kèm tệp',
};

/** The event a command records in this state. */
export function commandEvent(command: DossierCommand, state: DossierState): DossierActionType {
  switch (command) {
    case 'accept':
      return 'accepted';
    case 'request-supplement':
      // Before receipt: the one-stop shop's notice; afterwards: the appraising agency's request.
      return state.status === 'submitted' ? 'intake_supplement_requested' : 'supplement_requested';
    case 'supplement':
      return 'supplemented';
    case 'refuse':
      return 'intake_refused';
    case 'assign':
      return 'assigned';
    case 'forward':
      return 'forwarded';
    case 'complete-task':
      return 'task_completed';
    case 'send-for-approval':
      return 'sent_for_approval';
    case 'approve':
      return 'approved';
    case 'reject':
      return 'rejected';
    case 'request-payment':
      return 'payment_requested';
    case 'confirm-payment':
      return 'payment_confirmed';
    case 'apologize':
      return 'apologised';
    case 'return-result':
      return 'result_returned';
    case 'withdraw':
      return 'withdrawn';
    case 'stop':
      return 'stopped';
    case 'rate':
      return 'rated';
  }
}

/** The commands possible in this state, in the order of DOSSIER_COMMANDS (before permissions). */
export function allowedCommands(state: DossierState): DossierCommand[] {
  const types = allowedActionTypes(state);
  return DOSSIER_COMMANDS.filter((command) => types.includes(commandEvent(command, state)));
}
