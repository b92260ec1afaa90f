import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedDocumentEvents,
  applyDocumentEvent,
  DOCUMENT_EVENT_TYPES,
  DocumentTransitionError,
  foldDocumentEvents,
  INCOMING_STATUSES,
  INITIAL_DOCUMENT_STATE,
  OUTGOING_STATUSES,
  TERMINAL_DOCUMENT_STATUSES,
  type DocumentEvent,
  type DocumentEventType,
  type DocumentState,
} from './lifecycle';

/** A concrete event of a type, valid for the state where the state decides (version, step). */
function example(type: DocumentEventType, state: DocumentState, step: number): DocumentEvent {
  const at = new Date(Date.UTC(2026, 2, 2, 1, step)).toISOString();
  switch (type) {
    case 'drafted':
      return { type, at, version: 1 };
    case 'revised':
      return { type, at, version: state.version + 1 };
    case 'submitted':
      return { type, at, version: state.version };
    case 'approved':
      return { type, at, step: state.status === 'content_review' ? 'content' : 'form' };
    case 'recipients_added':
      return { type, at, recipients: 1, reason: 'Bổ sung nơi nhận' };
    case 'returned':
    case 'recalled':
    case 'cancelled':
    case 'returned_to_sender':
    case 'withdrawn_by_sender':
      return { type, at, reason: 'Lý do' };
    case 'access_granted':
    case 'access_revoked':
      return { type, at, userId: 7, reason: 'Lãnh đạo cần nắm nội dung' };
    case 'scanned':
      return { type, at, fileName: 'ban-quet.pdf', sha256: 'a'.repeat(64) };
    case 'signed':
      return { type, at, method: 'held_key', certificateSerial: '01' };
    case 'signature_prepared':
      return { type, at, digest: 'ab'.repeat(32) };
    case 'numbered_sealed':
      return {
        type,
        at,
        series: 'hanh-chinh',
        number: 15,
        codeNumber: '15',
        codeNotation: 'QĐ-SXD',
        issuedDate: '2026-03-02',
      };
    case 'issued':
      return { type, at, recipients: 2 };
    case 'delivered':
      return { type, at, fromDocumentId: 1 };
    case 'received':
      return { type, at, channel: 'electronic' };
    case 'registered':
      return { type, at, series: 'den', arrivalNumber: 7, arrivalDate: '2026-03-02', presentedTo: 3 };
    case 'directed':
      return {
        type,
        at,
        lead: { unitId: 4 },
        coordinators: [{ unitId: 5 }],
        dueDate: '2026-03-12',
        opinion: 'Giao',
      };
    case 'assigned':
      return { type, at, assignee: { unitId: 4, userId: 9 }, dueDate: null };
    case 'opinion_added':
      return { type, at, opinion: 'Ý kiến' };
    case 'completed':
      return { type, at, replyDocumentId: null };
    case 'filed':
      return { type, at, fileCode: 'H53.22/2026/01' };
    case 'amended':
      return { type, at, kind: step % 2 ? 'correction' : 'replacement', byDocumentId: 2, reason: 'Sai sót' };
    case 'carried_over':
      return step % 2
        ? {
            type,
            at,
            system: 'eOffice',
            direction: 'incoming',
            arrival: { series: 'den', number: 12, date: '2026-03-02' },
            signatures: { person: true, agency: true },
          }
        : {
            type,
            at,
            system: 'eOffice',
            direction: 'outgoing',
            number: {
              series: 'hanh-chinh',
              number: 3,
              codeNumber: '03',
              codeNotation: 'SXD-VP',
              issuedDate: '2026-03-02',
            },
            signatures: { person: true, agency: false },
          };
    case 'viewed':
      return { type, at };
  }
}

function invariants(state: DocumentState): void {
  if (state.direction === 'outgoing') expect(OUTGOING_STATUSES).toContain(state.status);
  if (state.direction === 'incoming') expect(INCOMING_STATUSES).toContain(state.status);
  // The agency's number and signature come only after the competent person's signature.
  if (state.number) expect(state.signedAt).not.toBeNull();
  if (state.status === 'issued') expect(state.number).not.toBeNull();
  if (state.arrival) expect(state.direction).toBe('incoming');
  if (state.status === 'in_progress') expect(state.lead).not.toBeNull();
  if (state.status !== null && TERMINAL_DOCUMENT_STATUSES.includes(state.status))
    // A closed document is only read — and a secret one's readers still named or struck off; a
    // filed copy still learns that the sender amended it.
    expect(allowedDocumentEvents(state)).toEqual([
      ...(state.status === 'filed' ? ['amended'] : []),
      'viewed',
      'access_granted',
      'access_revoked',
    ]);
  if (state.status === 'replaced' || state.status === 'superseded')
    expect(state.amendments.at(-1)?.kind).toBe('replacement');
}

describe('document lifecycle (NĐ 30/2020)', () => {
  it('takes a decision from draft to issue, with a return for revision on the way', () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 1, minute)).toISOString();
    const state = foldDocumentEvents([
      { type: 'drafted', at: at(0), version: 1 },
      { type: 'submitted', at: at(1), version: 1 },
      { type: 'approved', at: at(2), step: 'content' },
      { type: 'returned', at: at(3), reason: 'Sai thể thức phần nơi nhận' },
      { type: 'revised', at: at(4), version: 2 },
      { type: 'submitted', at: at(5), version: 2 },
      { type: 'approved', at: at(6), step: 'content' },
      { type: 'approved', at: at(7), step: 'form' },
      { type: 'signed', at: at(8), method: 'held_key', certificateSerial: '1a' },
    ]);
    expect(state).toMatchObject({ status: 'signed', version: 2, returnedReason: null });
    expect(() => applyDocumentEvent(state, example('issued', state, 9))).toThrow(DocumentTransitionError);
    const sealed = applyDocumentEvent(state, example('numbered_sealed', state, 9));
    expect(applyDocumentEvent(sealed, example('issued', sealed, 10)).status).toBe('issued');
  });

  it('replaces an issued document or corrects it (Điều 18.3), and supersedes a copy being handled', () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 1, minute)).toISOString();
    const issued = foldDocumentEvents([
      { type: 'drafted', at: at(0), version: 1 },
      { type: 'submitted', at: at(1), version: 1 },
      { type: 'approved', at: at(2), step: 'content' },
      { type: 'approved', at: at(3), step: 'form' },
      { type: 'signed', at: at(4), method: 'held_key', certificateSerial: '1a' },
      example('numbered_sealed', INITIAL_DOCUMENT_STATE, 5),
      { type: 'issued', at: at(6), recipients: 1 },
    ]);
    const corrected = applyDocumentEvent(issued, {
      type: 'amended',
      at: at(7),
      kind: 'correction',
      byDocumentId: 8,
      reason: 'Sai ngày ban hành',
    });
    expect(corrected.status).toBe('issued');
    expect(corrected.amendments).toEqual([{ kind: 'correction', byDocumentId: 8, at: at(7) }]);
    const replaced = applyDocumentEvent(corrected, {
      type: 'amended',
      at: at(8),
      kind: 'replacement',
      byDocumentId: 9,
      reason: 'Sai nội dung Điều 2',
    });
    expect(replaced.status).toBe('replaced');
    expect(() => applyDocumentEvent(replaced, example('recalled', replaced, 9))).toThrow(
      DocumentTransitionError,
    );
    const copy = (events: DocumentEvent[]) =>
      foldDocumentEvents([{ type: 'delivered', at: at(0), fromDocumentId: 1 }, ...events]);
    const replacement = {
      type: 'amended',
      at: at(9),
      kind: 'replacement',
      byDocumentId: 12,
      reason: 'Sai',
    } as const;
    expect(applyDocumentEvent(copy([]), replacement).status).toBe('superseded');
    const completed = copy([
      { type: 'received', at: at(1), channel: 'electronic' },
      example('registered', INITIAL_DOCUMENT_STATE, 2),
      example('directed', INITIAL_DOCUMENT_STATE, 3),
      { type: 'completed', at: at(4), replyDocumentId: null },
    ]);
    expect(applyDocumentEvent(completed, replacement)).toMatchObject({
      status: 'completed',
      amendments: [{ kind: 'replacement', byDocumentId: 12 }],
    });
  });

  it('refuses to number a draft that the competent person has not signed', () => {
    const draft = foldDocumentEvents([{ type: 'drafted', at: '2026-03-02T01:00:00.000Z', version: 1 }]);
    expect(() => applyDocumentEvent(draft, example('numbered_sealed', draft, 1))).toThrow(/Đang soạn thảo/);
    expect(() =>
      applyDocumentEvent(draft, { type: 'submitted', at: '2026-03-02T01:01:00.000Z', version: 2 }),
    ).toThrow(/phiên bản dự thảo mới nhất/);
  });

  it('keeps its invariants over any sequence of allowed events, and refuses the others unchanged (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 1000 }), { maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (picks, wrong) => {
          let state = INITIAL_DOCUMENT_STATE;
          picks.forEach((pick, step) => {
            const allowed = allowedDocumentEvents(state);
            const refused = DOCUMENT_EVENT_TYPES.filter((type) => !allowed.includes(type));
            if (refused.length > 0 && wrong[step] !== undefined) {
              const type = refused[wrong[step] % refused.length]!;
              const before = state;
              expect(() => applyDocumentEvent(state, example(type, state, step))).toThrow(
                DocumentTransitionError,
              );
              expect(state).toBe(before);
            }
            const type = allowed[pick % allowed.length]!;
            state = applyDocumentEvent(state, example(type, state, step));
            invariants(state);
          });
        },
      ),
    );
  });

  it('folds the same history to the same state (deterministic, no hidden input)', () => {
    const history: DocumentEvent[] = [
      { type: 'received', at: '2026-03-02T01:00:00.000Z', channel: 'paper' },
      {
        type: 'registered',
        at: '2026-03-02T01:05:00.000Z',
        series: 'den',
        arrivalNumber: 12,
        arrivalDate: '2026-03-02',
        presentedTo: 3,
      },
      {
        type: 'directed',
        at: '2026-03-02T02:00:00.000Z',
        lead: { unitId: 4 },
        coordinators: [],
        dueDate: '2026-03-09',
        opinion: 'Giao Phòng Quản lý xây dựng chủ trì',
      },
      { type: 'assigned', at: '2026-03-02T03:00:00.000Z', assignee: { unitId: 4, userId: 9 }, dueDate: null },
      { type: 'completed', at: '2026-03-05T03:00:00.000Z', replyDocumentId: 77 },
      { type: 'filed', at: '2026-03-06T03:00:00.000Z', fileCode: 'H53.22/2026/QLXD.01' },
    ];
    expect(foldDocumentEvents(history)).toEqual(foldDocumentEvents([...history]));
    expect(foldDocumentEvents(history)).toMatchObject({
      status: 'filed',
      arrival: { number: 12 },
      dueDate: '2026-03-09',
      replyDocumentId: 77,
    });
  });
});
