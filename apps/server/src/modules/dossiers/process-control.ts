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
import { workingMinutesBetween } from '../calendar';
import { formatVietnamDate, formatVietnamIso } from '../../lib/time';
import { formatDong } from '../../lib/vietnamese';
import {
  DONE,
  minuteOf,
  PHASES,
  phasesOf,
  verdictOf,
  type ControlHistoryEntry,
  type ControlInput,
  type ControlParty,
  type ControlRow,
  type Phase,
} from './process-control-model';
import { HANDLING_ACTS, partiesOf } from './process-control-parties';

export function deriveProcessControl(input: ControlInput): ControlRow[] {
  const { history, calendar, hours } = input;
  const phases = phasesOf(input.steps);
  const between = (from: string, to: string) =>
    workingMinutesBetween(minuteOf(from), minuteOf(to), calendar, hours);
  const { userName, oneStop, agency, applicant, actorOf, nextActor } = partiesOf(input);

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
            // The task is empty in the applicant's copy (an instruction to the other agency).
            note: `Chuyển cơ quan phối hợp (liên thông)${action.task ? `: ${action.task}` : ''}. Thời hạn: ${clock(action.dueAt)}.`,
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
            step: forward
              ? { codes: [], name: forward.task ? `Phối hợp: ${forward.task}` : 'Phối hợp' }
              : null,
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
