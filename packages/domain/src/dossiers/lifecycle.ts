/**
 * The lifecycle of a dossier (hồ sơ) under NĐ 61/2018 and TT 01/2018, as pure functions of its
 * append-only action history. The status and the actions allowed next are never stored as
 * truth: they are folded from the actions, by the same code on the server and in the web app.
 *
 * Legal anchors: receipt and its three outcomes (NĐ 61 Điều 17: accept with an appointment,
 * request a supplement listing everything at once, refuse with reasons); forwarding and
 * inter-agency processing (Điều 18, 19); supplement during appraisal (Điều 19.4); apology and a
 * new appointment when late (Điều 19.9), at most once; returning results (Điều 20).
 */

export const DOSSIER_STATUSES = [
  'draft',
  'submitted',
  'intake_supplement',
  'refused',
  'processing',
  'supplement_requested',
  'pending_approval',
  'awaiting_payment',
  'result_ready',
  'returned',
  'withdrawn',
  'stopped',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const STATUS_NAMES: Record<DossierStatus, string> = {
  draft: 'Hồ sơ nháp',
  submitted: 'Chờ tiếp nhận',
  intake_supplement: 'Yêu cầu bổ sung hồ sơ (chưa tiếp nhận)',
  refused: 'Từ chối tiếp nhận',
  processing: 'Đang giải quyết',
  supplement_requested: 'Chờ công dân bổ sung hồ sơ',
  pending_approval: 'Chờ lãnh đạo phê duyệt',
  awaiting_payment: 'Chờ thực hiện nghĩa vụ tài chính',
  result_ready: 'Đã có kết quả, chờ trả',
  returned: 'Đã trả kết quả',
  withdrawn: 'Công dân đã rút hồ sơ',
  stopped: 'Dừng xử lý',
};

export const TERMINAL_STATUSES: readonly DossierStatus[] = ['refused', 'returned', 'withdrawn', 'stopped'];

/**
 * On an event whose note is the officers' own (not addressed to the applicant by law): the
 * officer chose to show the note to the applicant. Absent = internal (see notes.ts).
 */
interface MayShareNote {
  noteShared?: true;
}

/** One entry of the history. `at` is an ISO 8601 instant. */
export type DossierAction =
  | { type: 'submitted'; at: string; channel: 'online' | 'counter' | 'post' }
  | { type: 'intake_supplement_requested'; at: string; items: string[] }
  | ({ type: 'supplemented'; at: string; newDueAt?: string } & MayShareNote)
  | { type: 'intake_refused'; at: string; reason: string }
  | { type: 'accepted'; at: string; dueAt: string }
  | ({ type: 'assigned'; at: string; assigneeId: number } & MayShareNote)
  | { type: 'forwarded'; at: string; taskId: string; unitId: number; dueAt: string; task: string }
  | ({ type: 'task_completed'; at: string; taskId: string; note?: string } & MayShareNote)
  | { type: 'supplement_requested'; at: string; items: string[] }
  | ({ type: 'sent_for_approval'; at: string } & MayShareNote)
  | ({ type: 'approved'; at: string } & MayShareNote)
  | { type: 'rejected'; at: string; reason: string }
  | ({ type: 'payment_requested'; at: string; amountVnd: number } & MayShareNote)
  | ({ type: 'payment_confirmed'; at: string } & MayShareNote)
  | { type: 'apologised'; at: string; reason: string; newDueAt: string }
  | { type: 'result_returned'; at: string; method: 'counter' | 'post' | 'online' }
  | { type: 'withdrawn'; at: string; reason: string }
  | { type: 'stopped'; at: string; reason: string }
  | { type: 'rated'; at: string; total: number; satisfaction: string }
  | {
      type: 'attachment_added';
      at: string;
      attachmentId: number;
      documentCode: string | null;
      sha256: string;
    };

export type DossierActionType = DossierAction['type'];

/** Every action type, in lifecycle order (checked against the union by the compiler). */
export const DOSSIER_ACTION_TYPES = [
  'submitted',
  'intake_supplement_requested',
  'supplemented',
  'intake_refused',
  'accepted',
  'assigned',
  'forwarded',
  'task_completed',
  'supplement_requested',
  'sent_for_approval',
  'approved',
  'rejected',
  'payment_requested',
  'payment_confirmed',
  'apologised',
  'result_returned',
  'withdrawn',
  'stopped',
  'rated',
  'attachment_added',
] as const satisfies readonly DossierActionType[];

export interface OpenTask {
  taskId: string;
  unitId: number;
  dueAt: string;
  task: string;
}

export interface DossierState {
  status: DossierStatus;
  channel: 'online' | 'counter' | 'post' | null;
  receivedAt: string | null;
  /** Appointment given at receipt; kept for statistics even after an apology (notes §4.4). */
  originalDueAt: string | null;
  /** Appointment in force (the new one after an apology). */
  dueAt: string | null;
  assigneeId: number | null;
  openTasks: OpenTask[];
  outcome: 'approved' | 'rejected' | null;
  apologised: boolean;
  /** Supplement requested during appraisal and not yet provided: the clock policy applies. */
  supplementRequestedAt: string | null;
  completedAt: string | null;
  paymentPending: boolean;
  /** The applicant has evaluated the service (once per dossier, after return). */
  rated: boolean;
}

export const INITIAL_STATE: DossierState = {
  status: 'draft',
  channel: null,
  receivedAt: null,
  originalDueAt: null,
  dueAt: null,
  assigneeId: null,
  openTasks: [],
  outcome: null,
  apologised: false,
  supplementRequestedAt: null,
  completedAt: null,
  paymentPending: false,
  rated: false,
};

export class TransitionError extends Error {
  constructor(
    readonly action: DossierActionType,
    readonly status: DossierStatus,
    message: string,
  ) {
    super(message);
  }
}

/** Which action types the status allows (before who-may-do-it, which is policy.ts). */
const ALLOWED: Record<DossierStatus, readonly DossierActionType[]> = {
  draft: ['attachment_added', 'submitted', 'withdrawn'],
  submitted: ['attachment_added', 'accepted', 'intake_supplement_requested', 'intake_refused', 'withdrawn'],
  intake_supplement: ['attachment_added', 'supplemented', 'withdrawn', 'stopped'],
  refused: [],
  processing: [
    'attachment_added',
    'assigned',
    'forwarded',
    'task_completed',
    'supplement_requested',
    'sent_for_approval',
    'apologised',
    'withdrawn',
    'stopped',
  ],
  supplement_requested: ['attachment_added', 'supplemented', 'withdrawn', 'stopped'],
  pending_approval: ['attachment_added', 'approved', 'rejected', 'assigned', 'apologised', 'withdrawn'],
  awaiting_payment: ['attachment_added', 'payment_confirmed', 'apologised', 'withdrawn', 'stopped'],
  result_ready: ['attachment_added', 'result_returned', 'payment_requested'],
  returned: ['rated'],
  withdrawn: [],
  stopped: [],
};

function reasonNotAllowed(action: DossierActionType, state: DossierState): string {
  const status = STATUS_NAMES[state.status];
  if (action === 'rated') return 'Chỉ đánh giá được hồ sơ đã trả kết quả.';
  if (TERMINAL_STATUSES.includes(state.status))
    return `Hồ sơ đã kết thúc (${status}); không thể thực hiện thêm thao tác.`;
  switch (action) {
    case 'accepted':
      return `Chỉ tiếp nhận được hồ sơ đang chờ tiếp nhận (hiện tại: ${status}).`;
    case 'supplemented':
      return `Hồ sơ không ở trạng thái chờ bổ sung (hiện tại: ${status}).`;
    case 'sent_for_approval':
      return `Chỉ trình phê duyệt được hồ sơ đang giải quyết (hiện tại: ${status}).`;
    case 'approved':
    case 'rejected':
      return `Chỉ phê duyệt hoặc từ chối được hồ sơ đang chờ phê duyệt (hiện tại: ${status}).`;
    case 'result_returned':
      return `Chỉ trả kết quả khi hồ sơ đã có kết quả (hiện tại: ${status}).`;
    case 'apologised':
      return `Chỉ gửi phiếu xin lỗi cho hồ sơ đang giải quyết (hiện tại: ${status}).`;
    default:
      return `Thao tác này không được phép khi hồ sơ ở trạng thái "${status}".`;
  }
}

/** Checks beyond the status table; returns a Vietnamese reason or null when allowed. */
function guard(state: DossierState, action: DossierAction): string | null {
  switch (action.type) {
    case 'forwarded':
      if (state.openTasks.some((task) => task.unitId === action.unitId))
        return 'Cơ quan này đang có một nhiệm vụ chưa hoàn thành trên hồ sơ.';
      return null;
    case 'task_completed':
      if (!state.openTasks.some((task) => task.taskId === action.taskId))
        return 'Không có nhiệm vụ liên thông đang mở với mã này.';
      return null;
    case 'sent_for_approval':
      if (state.openTasks.length > 0)
        return `Còn ${state.openTasks.length} nhiệm vụ liên thông chưa có kết quả từ cơ quan phối hợp.`;
      return null;
    case 'apologised':
      if (state.apologised) return 'Mỗi hồ sơ chỉ được xin lỗi và hẹn lại ngày trả kết quả một lần.';
      if (state.dueAt && action.newDueAt <= state.dueAt)
        return 'Ngày hẹn mới phải sau ngày hẹn trả kết quả hiện tại.';
      return null;
    case 'rated':
      if (state.rated) return 'Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần.';
      return null;
    case 'intake_supplement_requested':
    case 'supplement_requested':
      if (action.items.length === 0)
        return 'Phiếu yêu cầu bổ sung phải liệt kê đầy đủ các nội dung cần bổ sung.';
      return null;
    default:
      return null;
  }
}

/**
 * The action types possible now: the status table, less those the state alone already rules
 * out (a second apology or rating, completing a task when none is open, sending for approval
 * while agencies still hold tasks). Checks that need the action's own data stay in `guard`.
 */
export function allowedActionTypes(state: DossierState): DossierActionType[] {
  return ALLOWED[state.status].filter((type) => {
    switch (type) {
      case 'apologised':
        return !state.apologised;
      case 'rated':
        return !state.rated;
      case 'task_completed':
        return state.openTasks.length > 0;
      case 'sent_for_approval':
        return state.openTasks.length === 0;
      default:
        return true;
    }
  });
}

/** Applies one action; throws TransitionError with the reason when it is not allowed. */
export function applyAction(state: DossierState, action: DossierAction): DossierState {
  if (!ALLOWED[state.status].includes(action.type)) {
    throw new TransitionError(action.type, state.status, reasonNotAllowed(action.type, state));
  }
  const refusal = guard(state, action);
  if (refusal) throw new TransitionError(action.type, state.status, refusal);

  switch (action.type) {
    case 'submitted':
      return { ...state, status: 'submitted', channel: action.channel };
    case 'intake_supplement_requested':
      return { ...state, status: 'intake_supplement' };
    case 'supplemented':
      // Before receipt the dossier goes back to the reception queue; during appraisal it
      // returns to processing and the clock policy (restart or pause) is applied by the caller.
      // With a new appointment (the clock restarted or resumed), both due dates move: the legal
      // period itself changed, unlike after an apology.
      return state.status === 'intake_supplement'
        ? { ...state, status: 'submitted' }
        : {
            ...state,
            status: 'processing',
            supplementRequestedAt: null,
            ...(action.newDueAt ? { dueAt: action.newDueAt, originalDueAt: action.newDueAt } : {}),
          };
    case 'intake_refused':
      return { ...state, status: 'refused', completedAt: action.at };
    case 'accepted':
      return {
        ...state,
        status: 'processing',
        receivedAt: action.at,
        originalDueAt: action.dueAt,
        dueAt: action.dueAt,
      };
    case 'assigned':
      return {
        ...state,
        assigneeId: action.assigneeId,
        status: state.status === 'pending_approval' ? 'processing' : state.status,
      };
    case 'forwarded':
      return {
        ...state,
        openTasks: [
          ...state.openTasks,
          { taskId: action.taskId, unitId: action.unitId, dueAt: action.dueAt, task: action.task },
        ],
      };
    case 'task_completed':
      return { ...state, openTasks: state.openTasks.filter((task) => task.taskId !== action.taskId) };
    case 'supplement_requested':
      return { ...state, status: 'supplement_requested', supplementRequestedAt: action.at };
    case 'sent_for_approval':
      return { ...state, status: 'pending_approval' };
    case 'approved':
      return { ...state, status: 'result_ready', outcome: 'approved', completedAt: action.at };
    case 'rejected':
      return { ...state, status: 'result_ready', outcome: 'rejected', completedAt: action.at };
    case 'payment_requested':
      return { ...state, status: 'awaiting_payment', paymentPending: true };
    case 'payment_confirmed':
      return { ...state, status: 'result_ready', paymentPending: false };
    case 'apologised':
      return { ...state, apologised: true, dueAt: action.newDueAt };
    case 'result_returned':
      return { ...state, status: 'returned' };
    case 'withdrawn':
      return { ...state, status: 'withdrawn', completedAt: action.at, openTasks: [] };
    case 'stopped':
      return { ...state, status: 'stopped', completedAt: action.at, openTasks: [] };
    case 'rated':
      return { ...state, rated: true };
    case 'attachment_added':
      return state;
  }
}

/** Folds a whole history. */
export function foldActions(actions: readonly DossierAction[]): DossierState {
  return actions.reduce(applyAction, INITIAL_STATE);
}
