/**
 * Phiếu kiểm soát quá trình giải quyết hồ sơ (TT 01/2018/TT-VPCP, Mẫu 05) as a pure function of a
 * dossier's history: one row per hand-over of the dossier (who gave it, who received it, when),
 * with the working time the giver used, the time the internal procedure (quy trình nội bộ, the
 * procedure version's steps) allots to what the giver did, and the verdict the receiver writes
 * on the form: trước hạn / đúng hạn / quá hạn.
 *
 * Readings chosen (the form's Phụ lục image is not at hand; one-stop-shop notes §2.1, §4):
 *
 * - The rows start where the form starts, "1. Giao: Bộ phận Một cửa" (NĐ 61/2018's name for the
 *   Bộ phận tiếp nhận và trả kết quả), and end with "Giao: Bộ phận Một cửa / Nhận: Tổ chức, cá
 *   nhân". The applicant's submission is recorded by the receipt (Mẫu 01), not by a row here.
 * - Steps are grouped in phases by role: the leading receiving-officer steps are the reception,
 *   the trailing ones the return of the result; between them, leader steps before the first
 *   specialist step are the distribution (phân công), leader steps after the last specialist step
 *   the approval, and the rest the appraisal. Each hand-over closes a phase: acceptance closes the
 *   reception (the one-stop shop hands the dossier to the handling agency at once, electronically),
 *   assignment the distribution, sending for approval the appraisal, approval or rejection the
 *   approval (the leader hands the result to the one-stop shop), return of the result the return.
 *   A hand-over that closes a phase without steps (assignment when the procedure has no separate
 *   distribution step) has no verdict and its time runs on into the next phase: the appraisal
 *   budget then covers the time since acceptance.
 * - Reception is measured from the submission (online, or entered at the counter) to the
 *   acceptance: that is the one-stop shop's checking time. After a supplement at intake (NĐ 61
 *   Điều 17) it is measured again from the supplement.
 * - The "Nhận" person of a hand-over to a unit is the officer of that unit who next acted on the
 *   dossier (the leader who assigned it, the specialist, the leader who approved, the officer who
 *   returned the result); blank while nobody has. The time is the one of the hand-over: electronic
 *   transfers are received when they are sent.
 * - A leader sending the dossier back to a specialist (assignment while awaiting approval) closes
 *   the leader's approval turn against the approval budget and opens a new appraisal turn with
 *   the full appraisal budget, as one-stop workflow engines give every run of a step its own
 *   deadline. The dossier's own deadline (Biểu 06) is judged separately, on the appointment.
 * - Re-assignment to another specialist during the appraisal closes nothing: the appraisal
 *   continues, against the same budget.
 * - Inter-agency tasks (liên thông) run beside the main line: the forwarding is a row without a
 *   verdict, and the task's completion is the other agency's own row, judged against the task's
 *   deadline (working time from forwarding to completion against working time from forwarding to
 *   the deadline), not against a step budget.
 * - Waiting for the applicant is not the agencies' time: a supplement during appraisal
 *   (supplement_requested → supplemented) and financial obligations (payment_requested →
 *   payment_confirmed) are rows with notes, and their working time is left out of the step in
 *   progress. When the procedure restarts the clock after a supplement (NĐ 61/2018 Điều 19.4,
 *   the default), the step in progress is measured again from the supplement; when it pauses the
 *   clock, only the wait is left out.
 * - A step with no time allotted (0 hours: procedures publishing no processing time) has no
 *   verdict.
 * - Working time is counted in office hours on working days (`workingMinutesBetween`), 8 hours a
 *   day, the unit of the steps' budgets.
 */
import { workingMinutesBetween, type OfficeHours } from '../calendar/due-date';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { formatVietnamDate, formatVietnamIso } from '../../lib/time';
import { formatDong } from '../../lib/vietnamese';
import type { DossierAction } from '@tayninh/domain/dossiers/lifecycle';

export const VERDICTS = ['early', 'on_time', 'late'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const VERDICT_NAMES: Record<Verdict, string> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
};

/** A step of the internal procedure (procedure versions' `steps`). */
export interface ControlStep {
  code: string;
  name: string;
  role: 'receiving_officer' | 'specialist' | 'leader';
  /** Working hours allotted. */
  hours: number;
}

export interface ControlHistoryEntry {
  seq: number;
  action: DossierAction;
  actorUserId: number | null;
  actorUnitId: number | null;
}

export interface ControlInput {
  history: readonly ControlHistoryEntry[];
  steps: readonly ControlStep[];
  /** After a supplement during appraisal: the period restarts (default) or resumes. */
  supplementClock: 'restart' | 'pause';
  receivingUnit: { id: number; name: string };
  handlingUnit: { id: number; name: string };
  applicantName: string;
  unitNames: ReadonlyMap<number, string>;
  userNames: ReadonlyMap<number, string>;
  calendar: WorkingCalendar;
  hours: OfficeHours;
}

export interface ControlParty {
  unitId: number | null;
  unit: string;
  person: string | null;
}

export interface ControlRow {
  /** Sequence number of the history entry that is this hand-over. */
  seq: number;
  /** The recorded event (accepted, assigned, forwarded, …). */
  event: DossierAction['type'];
  /** ISO 8601 instant of the hand-over. */
  at: string;
  giver: ControlParty;
  receiver: ControlParty;
  /** Steps of the internal procedure this hand-over closes; null when it closes none. */
  step: { codes: string[]; name: string } | null;
  /** Deadline of an inter-agency task (its completion row is judged against it). */
  deadline: string | null;
  /** Working minutes used by the giver (or spent waiting, on supplement and payment rows). */
  workingMinutes: number | null;
  /** Working minutes allotted; null when nothing is judged on this row. */
  budgetMinutes: number | null;
  verdict: Verdict | null;
  note: string | null;
}

/**
 * The verdict written on the form: used < budget → trước hạn, used = budget → đúng hạn, used >
 * budget → quá hạn. Equality is to the minute: both instants of a measurement are truncated to
 * the minute, as the form prints them ("…giờ…phút"), before the working time between them is
 * counted, so a hand-over in the same minute as the step's deadline is on time, and a minute
 * later is late.
 */
export function verdictOf(usedMinutes: number, budgetMinutes: number): Verdict {
  if (usedMinutes < budgetMinutes) return 'early';
  if (usedMinutes === budgetMinutes) return 'on_time';
  return 'late';
}

const PHASES = ['reception', 'distribution', 'appraisal', 'approval', 'return'] as const;
type Phase = (typeof PHASES)[number];
const DONE = PHASES.length;

/** Groups the steps into the phases closed by hand-overs (see the readings above). */
export function phasesOf(steps: readonly ControlStep[]): Record<Phase, ControlStep[]> {
  const n = steps.length;
  let receptionEnd = 0;
  while (receptionEnd < n && steps[receptionEnd]!.role === 'receiving_officer') receptionEnd += 1;
  let returnStart = n;
  while (returnStart > receptionEnd && steps[returnStart - 1]!.role === 'receiving_officer') returnStart -= 1;
  if (receptionEnd === n && n > 0) {
    // The one-stop shop does everything (TT 01/2018 Điều 6): first step receives, last returns.
    receptionEnd = 1;
    returnStart = Math.max(1, n - 1);
  }
  const middle = steps.slice(receptionEnd, returnStart);
  const firstSpecialist = middle.findIndex((step) => step.role === 'specialist');
  let distribution: ControlStep[] = [];
  let appraisal: ControlStep[] = [];
  let approval: ControlStep[] = [];
  if (firstSpecialist < 0) {
    approval = middle;
  } else {
    const lastSpecialist =
      middle.length - 1 - [...middle].reverse().findIndex((s) => s.role === 'specialist');
    distribution = middle.slice(0, firstSpecialist).every((s) => s.role === 'leader')
      ? middle.slice(0, firstSpecialist)
      : [];
    appraisal = middle.slice(distribution.length, lastSpecialist + 1);
    approval = middle.slice(lastSpecialist + 1);
  }
  return {
    reception: steps.slice(0, receptionEnd),
    distribution,
    appraisal,
    approval,
    return: steps.slice(returnStart),
  };
}

/** Truncates an instant to its minute (the resolution of the form). */
function minuteOf(iso: string): Date {
  const ms = Date.parse(iso);
  return new Date(ms - (((ms % 60_000) + 60_000) % 60_000));
}

/** "3 giờ 05 phút", "4 giờ", "25 phút": working time as written on the form. */
export function workingTimeWords(minutes: number): string {
  const whole = Math.floor(minutes);
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  if (h === 0) return `${m} phút`;
  return m === 0 ? `${h} giờ` : `${h} giờ ${String(m).padStart(2, '0')} phút`;
}

const APPLICANT_UNIT = 'Tổ chức, cá nhân';

export function deriveProcessControl(input: ControlInput): ControlRow[] {
  const { history, calendar, hours } = input;
  const phases = phasesOf(input.steps);
  const between = (from: string, to: string) =>
    workingMinutesBetween(minuteOf(from), minuteOf(to), calendar, hours);
  const userName = (id: number | null | undefined) =>
    id === null || id === undefined ? null : (input.userNames.get(id) ?? null);
  const unitName = (id: number | null | undefined, fallback: string) =>
    id === null || id === undefined ? fallback : (input.unitNames.get(id) ?? fallback);

  const sameUnit = input.receivingUnit.id === input.handlingUnit.id;
  const oneStop = (person: string | null): ControlParty => ({
    unitId: input.receivingUnit.id,
    unit: sameUnit ? `Bộ phận Một cửa - ${input.receivingUnit.name}` : input.receivingUnit.name,
    person,
  });
  const agency = (person: string | null, unitId: number | null = input.handlingUnit.id): ControlParty => ({
    unitId,
    unit: unitName(unitId, input.handlingUnit.name),
    person,
  });
  const applicant: ControlParty = { unitId: null, unit: APPLICANT_UNIT, person: input.applicantName };
  const actorOf = (entry: ControlHistoryEntry) => userName(entry.actorUserId);

  /** The first later entry of these types whose actor acted for `unitId`; its actor's name. */
  const nextActor = (index: number, types: readonly DossierAction['type'][], unitId: number | null) => {
    const found = history
      .slice(index + 1)
      .find(
        (entry) => types.includes(entry.action.type) && (unitId === null || entry.actorUnitId === unitId),
      );
    return found ? actorOf(found) : null;
  };
  const HANDLING_ACTS: DossierAction['type'][] = [
    'assigned',
    'forwarded',
    'supplement_requested',
    'sent_for_approval',
    'approved',
    'rejected',
    'payment_requested',
    'apologised',
    'stopped',
  ];

  const rows: ControlRow[] = [];
  // The measuring window: the phase it started in, when, and the waits to leave out.
  let phase = 0;
  let windowPhase = 0;
  let windowStart: string | null = null;
  let excluded = 0;
  let waitStart: string | null = null;
  let reworks = 0;
  let intakeNote: string | null = null;
  let assigneeId: number | null = null;
  const forwards = new Map<string, { at: string; dueAt: string; task: string; index: number }>();

  /** Closes phases from the window's start through `through`; the next phase is `next`. */
  const close = (at: string, through: number, next: number) => {
    const steps = PHASES.slice(windowPhase, through + 1).flatMap((name) => phases[name]);
    phase = next;
    if (steps.length === 0 || windowStart === null)
      return { step: null, workingMinutes: null, budgetMinutes: null, verdict: null };
    const used = Math.max(0, between(windowStart, at) - excluded);
    const budget = Math.round(steps.reduce((sum, s) => sum + s.hours, 0) * 60);
    windowPhase = next;
    windowStart = at;
    excluded = 0;
    return {
      step: { codes: steps.map((s) => s.code), name: steps.map((s) => s.name).join('; ') },
      workingMinutes: used,
      budgetMinutes: budget === 0 ? null : budget,
      verdict: budget === 0 ? null : verdictOf(used, budget),
    };
  };
  const row = (
    entry: ControlHistoryEntry,
    giver: ControlParty,
    receiver: ControlParty,
    rest: Partial<Omit<ControlRow, 'seq' | 'event' | 'at' | 'giver' | 'receiver'>> = {},
  ) =>
    rows.push({
      seq: entry.seq,
      event: entry.action.type,
      at: entry.action.at,
      giver,
      receiver,
      step: null,
      deadline: null,
      workingMinutes: null,
      budgetMinutes: null,
      verdict: null,
      note: null,
      ...rest,
    });
  const withNote = (...parts: Array<string | null | undefined>) =>
    parts.filter((part): part is string => Boolean(part)).join(' ') || null;

  for (const [index, entry] of history.entries()) {
    const action = entry.action;
    const atIndex = (p: Phase) => PHASES.indexOf(p);
    switch (action.type) {
      case 'submitted':
        windowStart = action.at;
        break;
      case 'intake_supplement_requested':
        intakeNote = `Yêu cầu bổ sung khi tiếp nhận lúc ${clock(action.at)}`;
        break;
      case 'accepted': {
        const closed = close(action.at, atIndex('reception'), atIndex('distribution'));
        row(entry, oneStop(actorOf(entry)), agency(nextActor(index, HANDLING_ACTS, input.handlingUnit.id)), {
          ...closed,
          note: withNote(
            intakeNote ? `${intakeNote}; thời gian tiếp nhận tính lại từ khi bổ sung.` : null,
            `Tiếp nhận hồ sơ, hẹn trả kết quả lúc ${clock(action.dueAt)}.`,
          ),
        });
        break;
      }
      case 'supplemented': {
        if (phase === 0) {
          // Supplement at intake: the one-stop shop checks the dossier anew.
          intakeNote = `${intakeNote ?? 'Yêu cầu bổ sung khi tiếp nhận'}, công dân bổ sung lúc ${clock(action.at)}`;
          windowStart = action.at;
          excluded = 0;
          break;
        }
        const waited = waitStart ? between(waitStart, action.at) : 0;
        if (input.supplementClock === 'restart') {
          windowStart = action.at;
          excluded = 0;
        } else {
          excluded += waited;
        }
        const requester = history
          .slice(0, index)
          .reverse()
          .find((e) => e.action.type === 'supplement_requested');
        row(entry, applicant, agency(userName(assigneeId) ?? (requester ? actorOf(requester) : null)), {
          workingMinutes: waited,
          note: withNote(
            'Tổ chức, cá nhân đã bổ sung hồ sơ; thời gian chờ bổ sung không tính vào bước đang thực hiện.',
            input.supplementClock === 'restart'
              ? 'Thời hạn giải quyết được tính lại từ đầu (NĐ 61/2018, Điều 19).'
              : null,
            action.newDueAt ? `Hẹn trả kết quả mới lúc ${clock(action.newDueAt)}.` : null,
          ),
        });
        waitStart = null;
        break;
      }
      case 'assigned': {
        const receiver = agency(userName(action.assigneeId));
        const previous = assigneeId;
        assigneeId = action.assigneeId;
        if (phase === atIndex('distribution')) {
          const closed = close(action.at, atIndex('distribution'), atIndex('appraisal'));
          row(entry, agency(actorOf(entry), entry.actorUnitId), receiver, {
            ...closed,
            note: closed.step
              ? 'Phân công chuyên viên xử lý.'
              : 'Phân công chuyên viên xử lý; thời gian tính vào bước thẩm định.',
          });
        } else if (phase === atIndex('approval')) {
          reworks += 1;
          const closed = close(action.at, atIndex('approval'), atIndex('appraisal'));
          row(entry, agency(actorOf(entry), entry.actorUnitId), receiver, {
            ...closed,
            note: `Lãnh đạo chuyển lại chuyên viên xử lý (lần ${reworks}); bước thẩm định được tính lại từ thời điểm này.`,
          });
        } else {
          row(entry, agency(actorOf(entry), entry.actorUnitId), receiver, {
            note:
              previous !== null
                ? 'Chuyển chuyên viên khác xử lý; thời gian tiếp tục tính vào bước đang thực hiện.'
                : 'Phân công chuyên viên xử lý.',
          });
        }
        break;
      }
      case 'forwarded': {
        forwards.set(action.taskId, { at: action.at, dueAt: action.dueAt, task: action.task, index });
        const completion = history
          .slice(index + 1)
          .find((e) => e.action.type === 'task_completed' && e.action.taskId === action.taskId);
        row(
          entry,
          agency(actorOf(entry), entry.actorUnitId),
          agency(completion ? actorOf(completion) : null, action.unitId),
          {
            deadline: action.dueAt,
            note: `Chuyển cơ quan phối hợp (liên thông): ${action.task}. Thời hạn: ${clock(action.dueAt)}.`,
          },
        );
        break;
      }
      case 'task_completed': {
        const forward = forwards.get(action.taskId);
        const taskUnit = entry.actorUnitId;
        const forwarder = forward ? history[forward.index] : undefined;
        const used = forward ? between(forward.at, action.at) : null;
        const budget = forward ? between(forward.at, forward.dueAt) : null;
        row(
          entry,
          agency(actorOf(entry), taskUnit),
          agency(forwarder ? actorOf(forwarder) : null, forwarder?.actorUnitId ?? input.handlingUnit.id),
          {
            step: forward ? { codes: [], name: `Phối hợp: ${forward.task}` } : null,
            deadline: forward?.dueAt ?? null,
            workingMinutes: used,
            budgetMinutes: budget,
            verdict: used !== null && budget !== null ? verdictOf(used, budget) : null,
            note: withNote(
              'Cơ quan phối hợp trả kết quả; đánh giá theo thời hạn phối hợp.',
              action.note ? `Nội dung: ${action.note}` : null,
            ),
          },
        );
        break;
      }
      case 'supplement_requested':
        waitStart = action.at;
        row(entry, agency(actorOf(entry), entry.actorUnitId), applicant, {
          note: `Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02) qua Bộ phận Một cửa: ${action.items.join('; ')}.`,
        });
        break;
      case 'sent_for_approval': {
        const closed =
          phase <= atIndex('appraisal')
            ? close(action.at, atIndex('appraisal'), atIndex('approval'))
            : { step: null, workingMinutes: null, budgetMinutes: null, verdict: null };
        const leader = nextActor(index, ['approved', 'rejected', 'assigned'], input.handlingUnit.id);
        row(entry, agency(actorOf(entry), entry.actorUnitId), agency(leader), {
          ...closed,
          note: 'Trình lãnh đạo xem xét, phê duyệt.',
        });
        break;
      }
      case 'approved':
      case 'rejected': {
        const closed =
          phase <= atIndex('approval')
            ? close(action.at, atIndex('approval'), atIndex('return'))
            : { step: null, workingMinutes: null, budgetMinutes: null, verdict: null };
        row(
          entry,
          agency(actorOf(entry), entry.actorUnitId),
          oneStop(nextActor(index, ['result_returned', 'payment_confirmed'], input.receivingUnit.id)),
          {
            ...closed,
            note:
              action.type === 'approved'
                ? 'Đã có kết quả giải quyết, chuyển Bộ phận Một cửa.'
                : `Không đủ điều kiện giải quyết (văn bản từ chối nêu rõ lý do): ${action.reason}`,
          },
        );
        break;
      }
      case 'payment_requested':
        waitStart = action.at;
        row(entry, agency(actorOf(entry), entry.actorUnitId), applicant, {
          note: `Yêu cầu thực hiện nghĩa vụ tài chính: ${formatDong(action.amountVnd)}; thời gian chờ không tính vào bước đang thực hiện.`,
        });
        break;
      case 'payment_confirmed': {
        const waited = waitStart ? between(waitStart, action.at) : 0;
        excluded += waited;
        waitStart = null;
        row(entry, applicant, oneStop(actorOf(entry)), {
          workingMinutes: waited,
          note: 'Tổ chức, cá nhân đã thực hiện nghĩa vụ tài chính.',
        });
        break;
      }
      case 'apologised':
        row(entry, agency(actorOf(entry), entry.actorUnitId), applicant, {
          note: `Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04), hẹn trả mới lúc ${clock(action.newDueAt)}. Lý do: ${action.reason}`,
        });
        break;
      case 'result_returned': {
        const closed =
          phase <= atIndex('return')
            ? close(action.at, atIndex('return'), DONE)
            : { step: null, workingMinutes: null, budgetMinutes: null, verdict: null };
        row(entry, oneStop(actorOf(entry)), applicant, {
          ...closed,
          note: `Trả kết quả ${RETURN_METHODS[action.method] ?? ''}.`.replace(' .', '.'),
        });
        break;
      }
      case 'withdrawn':
        if (phase === 0) break;
        row(entry, applicant, oneStop(null), { note: `Tổ chức, cá nhân rút hồ sơ: ${action.reason}` });
        phase = DONE;
        break;
      case 'stopped':
        if (phase === 0) break;
        row(entry, agency(actorOf(entry), entry.actorUnitId), applicant, {
          note: `Dừng xử lý hồ sơ: ${action.reason}`,
        });
        phase = DONE;
        break;
      default:
        // Refusal at intake (no receipt, so no control slip), attachments, the rating.
        break;
    }
  }
  return rows;
}

const RETURN_METHODS: Record<string, string> = {
  counter: 'trực tiếp tại Bộ phận Một cửa',
  post: 'qua dịch vụ bưu chính',
  online: 'trực tuyến',
};

/** "14 giờ 10 ngày 26/11/2026" in Vietnam time, short enough for a note. */
function clock(iso: string): string {
  const local = formatVietnamIso(new Date(iso));
  return `${local.slice(11, 13)} giờ ${local.slice(14, 16)} ngày ${formatVietnamDate(local.slice(0, 10))}`;
}
