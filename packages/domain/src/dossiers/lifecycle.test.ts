import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedActionTypes,
  applyAction,
  DOSSIER_ACTION_TYPES,
  DOSSIER_STATUSES,
  foldActions,
  INITIAL_STATE,
  TERMINAL_STATUSES,
  TransitionError,
  type DossierAction,
  type DossierActionType,
  type DossierState,
} from './lifecycle';

/** A concrete action of a type, valid for the state when possible (later dates, open task ids…). */
function example(type: DossierActionType, state: DossierState, step: number, unit = 7): DossierAction {
  const at = new Date(Date.UTC(2026, 2, 2, 1, step)).toISOString();
  const later = new Date(Date.UTC(2026, 5, 1 + step)).toISOString();
  switch (type) {
    case 'submitted':
      return { type, at, channel: 'online' };
    case 'intake_supplement_requested':
    case 'supplement_requested':
      return { type, at, items: ['Bản sao giấy chứng sinh'] };
    case 'supplemented':
    case 'sent_for_approval':
    case 'approved':
    case 'payment_confirmed':
      return { type, at };
    case 'intake_refused':
    case 'rejected':
    case 'withdrawn':
    case 'stopped':
      return { type, at, reason: 'Lý do' };
    case 'accepted':
      return { type, at, dueAt: new Date(Date.UTC(2026, 2, 10)).toISOString() };
    case 'assigned':
      return { type, at, assigneeId: 3 };
    case 'forwarded':
      return { type, at, taskId: `t${step}`, unitId: unit, dueAt: later, task: 'Thẩm định' };
    case 'task_completed':
      return { type, at, taskId: state.openTasks[0]?.taskId ?? 'none' };
    case 'payment_requested':
      return { type, at, amountVnd: 50_000 };
    case 'apologised':
      return { type, at, reason: 'Cần xác minh thêm', newDueAt: later };
    case 'result_returned':
      return { type, at, method: 'counter' };
    case 'rated':
      return { type, at, total: 8, satisfaction: 'hai-long' };
    case 'attachment_added':
      return { type, at, attachmentId: step, documentCode: null, sha256: 'a'.repeat(64) };
  }
}

describe('dossier lifecycle', () => {
  it('follows the common path from online submission to returned result', () => {
    const state = foldActions([
      { type: 'submitted', at: '2026-03-02T01:00:00Z', channel: 'online' },
      { type: 'accepted', at: '2026-03-02T02:00:00Z', dueAt: '2026-03-06T02:00:00Z' },
      { type: 'assigned', at: '2026-03-02T03:00:00Z', assigneeId: 4 },
      { type: 'sent_for_approval', at: '2026-03-04T03:00:00Z' },
      { type: 'approved', at: '2026-03-05T03:00:00Z' },
      { type: 'result_returned', at: '2026-03-05T08:00:00Z', method: 'online' },
    ]);
    expect(state).toMatchObject({
      status: 'returned',
      outcome: 'approved',
      originalDueAt: '2026-03-06T02:00:00Z',
      completedAt: '2026-03-05T03:00:00Z',
    });
    expect(allowedActionTypes(state)).toEqual(['rated']);
    expect(
      allowedActionTypes(
        applyAction(state, { type: 'rated', at: '2026-03-06T01:00:00Z', total: 8, satisfaction: 'hai-long' }),
      ),
    ).toEqual([]);
  });

  it('refuses a disallowed action with a reason an official understands', () => {
    const submitted = foldActions([{ type: 'submitted', at: '2026-03-02T01:00:00Z', channel: 'online' }]);
    expect(() => applyAction(submitted, { type: 'approved', at: '2026-03-02T02:00:00Z' })).toThrow(
      'Chỉ phê duyệt hoặc từ chối được hồ sơ đang chờ phê duyệt (hiện tại: Chờ tiếp nhận).',
    );
  });

  it('allows one apology, with a later appointment, keeping the original due date', () => {
    const processing = foldActions([
      { type: 'submitted', at: '2026-03-02T01:00:00Z', channel: 'counter' },
      { type: 'accepted', at: '2026-03-02T01:00:00Z', dueAt: '2026-03-06T02:00:00Z' },
    ]);
    const apologised = applyAction(processing, {
      type: 'apologised',
      at: '2026-03-05T01:00:00Z',
      reason: 'Xác minh',
      newDueAt: '2026-03-10T02:00:00Z',
    });
    expect(apologised).toMatchObject({
      dueAt: '2026-03-10T02:00:00Z',
      originalDueAt: '2026-03-06T02:00:00Z',
    });
    expect(() =>
      applyAction(apologised, {
        type: 'apologised',
        at: '2026-03-06T01:00:00Z',
        reason: 'x',
        newDueAt: '2026-03-12T02:00:00Z',
      }),
    ).toThrow(/một lần/);
  });

  it('blocks approval while another agency still holds a task', () => {
    let state = foldActions([
      { type: 'submitted', at: '2026-03-02T01:00:00Z', channel: 'online' },
      { type: 'accepted', at: '2026-03-02T01:00:00Z', dueAt: '2026-03-20T02:00:00Z' },
      {
        type: 'forwarded',
        at: '2026-03-03T01:00:00Z',
        taskId: 'a',
        unitId: 9,
        dueAt: '2026-03-10T02:00:00Z',
        task: 'Xác minh',
      },
    ]);
    expect(() => applyAction(state, { type: 'sent_for_approval', at: '2026-03-04T01:00:00Z' })).toThrow(
      /nhiệm vụ liên thông/,
    );
    state = applyAction(state, { type: 'task_completed', at: '2026-03-05T01:00:00Z', taskId: 'a' });
    expect(applyAction(state, { type: 'sent_for_approval', at: '2026-03-05T02:00:00Z' }).status).toBe(
      'pending_approval',
    );
  });

  it('reaches every status', () => {
    const seen = new Set<string>([INITIAL_STATE.status]);
    let frontier: DossierState[] = [INITIAL_STATE];
    for (let depth = 0; depth < 8 && frontier.length > 0; depth += 1) {
      const next: DossierState[] = [];
      for (const state of frontier) {
        for (const type of allowedActionTypes(state)) {
          try {
            const after = applyAction(state, example(type, state, depth));
            if (!seen.has(after.status)) next.push(after);
            seen.add(after.status);
          } catch (error) {
            if (!(error instanceof TransitionError)) throw error;
          }
        }
      }
      frontier = next;
    }
    expect([...seen].sort()).toEqual([...DOSSIER_STATUSES].sort());
  });

  it('keeps its invariants under any sequence of actions', () => {
    const allTypes = DOSSIER_ACTION_TYPES;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...allTypes), fc.integer({ min: 1, max: 4 })), { maxLength: 40 }),
        (steps) => {
          let state = INITIAL_STATE;
          let apologies = 0;
          let originalDue: string | null = null;
          for (const [index, [type, unit]] of steps.entries()) {
            const allowedBefore = allowedActionTypes(state);
            let after: DossierState;
            try {
              after = applyAction(state, example(type, state, index, unit));
            } catch (error) {
              expect(error).toBeInstanceOf(TransitionError);
              expect((error as Error).message.length).toBeGreaterThan(10);
              continue;
            }
            // Only listed actions ever succeed.
            expect(allowedBefore).toContain(type);
            if (type === 'apologised') apologies += 1;
            if (type === 'accepted') originalDue = after.originalDueAt;
            state = after;
            // Invariants.
            expect(apologies).toBeLessThanOrEqual(1);
            if (originalDue) expect(state.originalDueAt).toBe(originalDue);
            const accepted = [
              'processing',
              'supplement_requested',
              'pending_approval',
              'awaiting_payment',
              'result_ready',
              'returned',
            ];
            if (accepted.includes(state.status)) {
              expect(state.receivedAt).not.toBeNull();
              expect(state.dueAt).not.toBeNull();
            }
            if (TERMINAL_STATUSES.includes(state.status)) {
              // Nothing moves a closed dossier; only the applicant's one rating after return.
              expect(allowedActionTypes(state)).toEqual(
                state.status === 'returned' && !state.rated ? ['rated'] : [],
              );
              expect(state.openTasks).toEqual([]);
            }
            if (state.status === 'result_ready' || state.status === 'returned')
              expect(state.outcome).not.toBeNull();
            const units = state.openTasks.map((task) => task.unitId);
            expect(new Set(units).size).toBe(units.length);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
