import { describe, expect, it } from 'vitest';
import { COMMANDS, commandEvent, DOSSIER_COMMANDS } from './commands';
import { DOSSIER_ACTION_TYPES, INITIAL_STATE, type DossierAction } from './lifecycle';
import {
  ADDRESSED_TO_APPLICANT,
  isAddressedToApplicant,
  noteVisibleToApplicant,
  SHAREABLE_NOTE_EVENTS,
  withoutInternalText,
  withSharedNote,
} from './notes';

const at = '2026-03-02T03:00:00.000Z';

describe('who reads a history entry’s text', () => {
  it('shows the texts the law addresses to the applicant, whoever wrote them', () => {
    const addressed: DossierAction[] = [
      { type: 'intake_supplement_requested', at, items: ['Bản vẽ'] },
      { type: 'supplement_requested', at, items: ['Bản vẽ'] },
      { type: 'intake_refused', at, reason: 'Không thuộc thẩm quyền' },
      { type: 'rejected', at, reason: 'Không đủ điều kiện' },
      { type: 'apologised', at, reason: 'Chờ xác minh', newDueAt: at },
      { type: 'stopped', at, reason: 'Quá hạn bổ sung' },
      { type: 'withdrawn', at, reason: 'Không cần nữa' },
    ];
    for (const event of addressed) expect(noteVisibleToApplicant(event, false)).toBe(true);
    expect(Object.keys(ADDRESSED_TO_APPLICANT).sort()).toEqual(addressed.map((e) => e.type).sort());
  });

  it('keeps an officer’s note internal unless the officer chose to show it', () => {
    const assigned: DossierAction = { type: 'assigned', at, assigneeId: 7 };
    const opinion: DossierAction = { type: 'task_completed', at, taskId: 't', note: 'Ý kiến Sở Tư pháp' };
    expect(noteVisibleToApplicant(assigned, false)).toBe(false);
    expect(noteVisibleToApplicant(opinion, false)).toBe(false);
    expect(noteVisibleToApplicant(withSharedNote(assigned), false)).toBe(true);
    expect(noteVisibleToApplicant(withSharedNote(opinion), false)).toBe(true);
    // Forwarding carries the task for the other agency; it cannot be marked for the applicant.
    const forwarded: DossierAction = {
      type: 'forwarded',
      at,
      taskId: 't',
      unitId: 2,
      dueAt: at,
      task: 'Xác minh',
    };
    expect(withSharedNote(forwarded)).toEqual(forwarded);
    expect(noteVisibleToApplicant(forwarded, false)).toBe(false);
  });

  it('shows the applicant their own text', () => {
    expect(noteVisibleToApplicant({ type: 'supplemented', at }, true)).toBe(true);
    expect(noteVisibleToApplicant({ type: 'supplemented', at }, false)).toBe(false);
  });

  it('takes the internal text out of the event itself', () => {
    expect(withoutInternalText({ type: 'task_completed', at, taskId: 't', note: 'Ý kiến' })).toEqual({
      type: 'task_completed',
      at,
      taskId: 't',
    });
    expect(
      withoutInternalText({ type: 'forwarded', at, taskId: 't', unitId: 2, dueAt: at, task: 'Xác minh' }),
    ).toMatchObject({ task: '' });
  });

  it('offers the choice on exactly the commands whose event may carry a shareable note', () => {
    const offering = DOSSIER_COMMANDS.filter((command) =>
      (COMMANDS[command].optional as readonly string[]).includes('shareNote'),
    );
    const events = offering.map((command) =>
      commandEvent(command, { ...INITIAL_STATE, status: 'processing' }),
    );
    expect([...events].sort()).toEqual([...SHAREABLE_NOTE_EVENTS].sort());
    // Every command offering the choice takes a note; none addressed to the applicant offers it.
    for (const command of offering) expect(COMMANDS[command].optional).toContain('reason');
    for (const type of SHAREABLE_NOTE_EVENTS) expect(isAddressedToApplicant(type)).toBe(false);
    expect(DOSSIER_ACTION_TYPES).toEqual(expect.arrayContaining([...SHAREABLE_NOTE_EVENTS]));
  });
});
