/**
 * The lifecycle of an official document under NĐ 30/2020/NĐ-CP, as pure functions of its
 * append-only history — the same code on the server and in the web app, as for dossiers.
 *
 * Outgoing (văn bản đi, Điều 10–19): the specialist drafts; the head of the drafting unit checks
 * the content, the office checks the form (thể thức), the competent person approves by signing
 * (Điều 11, 13); any of them may return it for revision with a reason, and the drafter submits a
 * new version. Only once the competent person has signed does the văn thư give it its number and
 * date and sign it with the agency's key (Điều 15, 16, 33.2), then issue it the same day (Điều
 * 18.1). An issued document may be recalled (Điều 18.4), replaced or corrected by a later one
 * (Điều 18.3, amendments.ts): a replaced document is no longer in force; a corrected one is.
 *
 * Incoming (văn bản đến, Điều 20–24): an electronic document arrives (delivered); the văn thư
 * receives it after checking its signatures and address, or returns it to the sender with the
 * reason (a paper one starts at its reception, then its scan is attached); registers it (số đến, arrival date) and
 * presents it to the leader at once; the leader directs it — the lead unit or person (chủ trì),
 * the coordinators (phối hợp), a deadline; the lead may assign it on to a specialist; the one
 * handling it completes it (with the reply document, when there is one) and files it into a
 * record (hồ sơ). A recalled incoming document is destroyed on the system (Điều 18.4.b); one
 * the sender replaced is superseded by the new copy while it is being handled (a completed or
 * filed one keeps its status, the replacement noted), and a correction is noted on it.
 *
 * Views are history entries too (Phụ lục VI Phần I III: access history is kept); they change
 * nothing else.
 */
import type { AmendmentKind } from './amendments';

import { DOCUMENT_STATUS_NAMES, type DocumentStatus } from './statuses';

export * from './statuses';

/** Who is asked next in the review of a draft (Điều 11): content, form, the signer. */
export type ReviewStep = 'content' | 'form';

export interface Assignee {
  unitId: number;
  /** A person in that unit, when the direction names one. */
  userId?: number | null;
}

/** One entry of the history. `at` is an ISO 8601 instant; who acted is stored beside it. */
export type DocumentEvent =
  | { type: 'drafted'; at: string; version: number }
  | {
      type: 'revised';
      at: string;
      version: number;
      /** What changed: the composed text (absent), the drafter's own file, an attachment. */
      change?: 'content-file' | 'attachment-added' | 'attachment-removed';
      fileName?: string;
    }
  | { type: 'submitted'; at: string; version: number }
  | { type: 'approved'; at: string; step: ReviewStep; note?: string }
  | { type: 'returned'; at: string; reason: string }
  | { type: 'signed'; at: string; method: 'held_key' | 'external'; certificateSerial: string }
  | { type: 'signature_prepared'; at: string; digest: string }
  | {
      type: 'numbered_sealed';
      at: string;
      series: string;
      number: number;
      codeNumber: string;
      codeNotation: string;
      issuedDate: string;
    }
  | { type: 'issued'; at: string; recipients: number }
  | { type: 'recalled'; at: string; reason: string }
  /** Sent on to recipients the nơi nhận left out (gửi bổ sung; edXML BussinessDocType 2, receivers). */
  | { type: 'recipients_added'; at: string; recipients: number; reason: string }
  | { type: 'cancelled'; at: string; reason: string }
  | { type: 'delivered'; at: string; fromDocumentId: number | null }
  | { type: 'received'; at: string; channel: 'electronic' | 'paper'; fromDocumentId?: number | null }
  | { type: 'returned_to_sender'; at: string; reason: string }
  /** A paper document's scan (PDF) attached by the văn thư before registration (Điều 21.1.b). */
  | { type: 'scanned'; at: string; fileName: string; sha256: string }
  | {
      type: 'registered';
      at: string;
      series: string;
      arrivalNumber: number;
      arrivalDate: string;
      presentedTo: number | null;
    }
  | {
      type: 'directed';
      at: string;
      lead: Assignee;
      coordinators: Assignee[];
      dueDate: string | null;
      opinion: string;
    }
  | { type: 'assigned'; at: string; assignee: Assignee; dueDate: string | null; note?: string }
  | { type: 'opinion_added'; at: string; opinion: string }
  | { type: 'completed'; at: string; replyDocumentId: number | null; note?: string }
  | { type: 'filed'; at: string; fileCode: string }
  | { type: 'withdrawn_by_sender'; at: string; reason: string }
  /**
   * A later document replaces or corrects this one (Điều 18.3): on the original, `byDocumentId`
   * is the amending outgoing document; on a recipient's copy, the new copy in that agency (null
   * when none was delivered there).
   */
  | { type: 'amended'; at: string; kind: AmendmentKind; byDocumentId: number | null; reason: string }
  /** Explicit access to a secret document given or taken back (Luật Bảo vệ bí mật nhà nước, Điều 11). */
  | { type: 'access_granted' | 'access_revoked'; at: string; userId: number; reason: string }
  /**
   * A document of the agency's previous document software, carried over with its register entry:
   * issued with its số (outgoing), or registered with its số đến (incoming; the direction and the
   * resolution recorded there follow as entries of their own). Its files and signatures stay in
   * that software's archive; `signatures` is what it recorded of them.
   */
  | {
      type: 'carried_over';
      at: string;
      system: string;
      direction: 'outgoing' | 'incoming';
      number?: DocumentNumber;
      arrival?: { series: string; number: number; date: string };
      signatures: { person: boolean; agency: boolean };
    }
  | { type: 'viewed'; at: string };

export type DocumentEventType = DocumentEvent['type'];

export interface DocumentNumber {
  series: string;
  number: number;
  codeNumber: string;
  codeNotation: string;
  issuedDate: string;
}

export const DOCUMENT_EVENT_TYPES = [
  'drafted',
  'revised',
  'submitted',
  'approved',
  'returned',
  'signed',
  'signature_prepared',
  'numbered_sealed',
  'issued',
  'recalled',
  'recipients_added',
  'cancelled',
  'delivered',
  'received',
  'returned_to_sender',
  'scanned',
  'registered',
  'directed',
  'assigned',
  'opinion_added',
  'completed',
  'filed',
  'withdrawn_by_sender',
  'amended',
  'access_granted',
  'access_revoked',
  'carried_over',
  'viewed',
] as const satisfies readonly DocumentEventType[];

export interface DocumentState {
  direction: 'outgoing' | 'incoming' | null;
  status: DocumentStatus | null;
  /** The draft version under review or signed (outgoing). */
  version: number;
  /** Why the draft was last returned, until the next submission. */
  returnedReason: string | null;
  signedAt: string | null;
  /** A digest prepared for an external signer and not yet signed. */
  pendingDigest: string | null;
  number: DocumentNumber | null;
  issuedAt: string | null;
  arrival: { series: string; number: number; date: string } | null;
  lead: Assignee | null;
  coordinators: Assignee[];
  assignees: Assignee[];
  dueDate: string | null;
  completedAt: string | null;
  replyDocumentId: number | null;
  fileCode: string | null;
  /** The replacements and corrections made to it, oldest first. */
  amendments: Array<{ kind: AmendmentKind; byDocumentId: number | null; at: string }>;
}

export const INITIAL_DOCUMENT_STATE: DocumentState = {
  direction: null,
  status: null,
  version: 0,
  returnedReason: null,
  signedAt: null,
  pendingDigest: null,
  number: null,
  issuedAt: null,
  arrival: null,
  lead: null,
  coordinators: [],
  assignees: [],
  dueDate: null,
  completedAt: null,
  replyDocumentId: null,
  fileCode: null,
  amendments: [],
};

export class DocumentTransitionError extends Error {
  constructor(
    readonly event: DocumentEventType,
    readonly status: DocumentStatus | null,
    message: string,
  ) {
    super(message);
  }
}

const REVIEWING: readonly DocumentStatus[] = ['content_review', 'form_review', 'awaiting_signature'];

/** Which events each status allows (who may do them is the server's policy). */
const ALLOWED: Record<DocumentStatus, readonly DocumentEventType[]> = {
  drafting: ['revised', 'submitted', 'cancelled', 'viewed'],
  content_review: ['approved', 'returned', 'viewed'],
  form_review: ['approved', 'returned', 'viewed'],
  awaiting_signature: ['signed', 'signature_prepared', 'returned', 'viewed'],
  signed: ['numbered_sealed', 'viewed'],
  sealed: ['issued', 'viewed'],
  issued: ['recalled', 'recipients_added', 'amended', 'viewed'],
  recalled: ['viewed'],
  replaced: ['viewed'],
  cancelled: ['viewed'],
  delivered: ['received', 'returned_to_sender', 'withdrawn_by_sender', 'amended', 'viewed'],
  received: ['scanned', 'registered', 'returned_to_sender', 'withdrawn_by_sender', 'amended', 'viewed'],
  returned_to_sender: ['viewed'],
  awaiting_direction: ['directed', 'withdrawn_by_sender', 'amended', 'viewed'],
  in_progress: ['assigned', 'opinion_added', 'completed', 'withdrawn_by_sender', 'amended', 'viewed'],
  completed: ['filed', 'opinion_added', 'amended', 'viewed'],
  // A filed copy keeps its place in the record; what amended it is noted there.
  filed: ['amended', 'viewed'],
  withdrawn_by_sender: ['viewed'],
  superseded: ['viewed'],
};

/** Incoming statuses in which a replacement supersedes the copy (its handling moves to the new one). */
const BEING_HANDLED: readonly DocumentStatus[] = [
  'delivered',
  'received',
  'awaiting_direction',
  'in_progress',
];

const STARTS: Partial<Record<DocumentEventType, 'outgoing' | 'incoming'>> = {
  drafted: 'outgoing',
  delivered: 'incoming',
  received: 'incoming',
};

/** Access to a secret document is given or taken back in any state (the policy says by whom). */
const ACCESS_EVENTS: readonly DocumentEventType[] = ['access_granted', 'access_revoked'];

export function allowedDocumentEvents(state: DocumentState): readonly DocumentEventType[] {
  return state.status === null
    ? ['drafted', 'delivered', 'received', 'carried_over']
    : [...ALLOWED[state.status], ...ACCESS_EVENTS];
}

function refuse(event: DocumentEvent, state: DocumentState, message?: string): never {
  const status = state.status === null ? 'chưa có' : DOCUMENT_STATUS_NAMES[state.status];
  throw new DocumentTransitionError(
    event.type,
    state.status,
    message ?? `Không thực hiện được thao tác này khi văn bản ở trạng thái: ${status}.`,
  );
}

/** The state after one event, or DocumentTransitionError when the event is not allowed now. */
export function applyDocumentEvent(state: DocumentState, event: DocumentEvent): DocumentState {
  if (!allowedDocumentEvents(state).includes(event.type)) refuse(event, state);
  switch (event.type) {
    case 'drafted':
    case 'delivered':
      return {
        ...state,
        direction: STARTS[event.type]!,
        status: event.type === 'drafted' ? 'drafting' : 'delivered',
        version: event.type === 'drafted' ? event.version : 0,
      };
    case 'received':
      // A paper document starts here; an electronic one arrives first (delivered).
      return { ...state, direction: 'incoming', status: 'received' };
    case 'revised':
      if (event.version !== state.version + 1)
        refuse(event, state, `Phiên bản dự thảo tiếp theo là ${state.version + 1}.`);
      return { ...state, version: event.version };
    case 'submitted':
      if (event.version !== state.version) refuse(event, state, 'Trình phiên bản dự thảo mới nhất.');
      return { ...state, status: 'content_review', returnedReason: null };
    case 'approved': {
      const expected: ReviewStep = state.status === 'content_review' ? 'content' : 'form';
      if (event.step !== expected)
        refuse(event, state, expected === 'content' ? 'Chờ duyệt nội dung.' : 'Chờ kiểm tra thể thức.');
      return { ...state, status: expected === 'content' ? 'form_review' : 'awaiting_signature' };
    }
    case 'returned':
      if (!REVIEWING.includes(state.status!)) refuse(event, state);
      return { ...state, status: 'drafting', returnedReason: event.reason, pendingDigest: null };
    case 'signature_prepared':
      return { ...state, pendingDigest: event.digest };
    case 'signed':
      return { ...state, status: 'signed', signedAt: event.at, pendingDigest: null };
    case 'numbered_sealed':
      return {
        ...state,
        status: 'sealed',
        number: {
          series: event.series,
          number: event.number,
          codeNumber: event.codeNumber,
          codeNotation: event.codeNotation,
          issuedDate: event.issuedDate,
        },
      };
    case 'issued':
      return { ...state, status: 'issued', issuedAt: event.at };
    case 'recalled':
      return { ...state, status: 'recalled' };
    case 'cancelled':
      return { ...state, status: 'cancelled' };
    case 'returned_to_sender':
      return { ...state, status: 'returned_to_sender' };
    case 'registered':
      return {
        ...state,
        status: 'awaiting_direction',
        arrival: { series: event.series, number: event.arrivalNumber, date: event.arrivalDate },
      };
    case 'directed':
      return {
        ...state,
        status: 'in_progress',
        lead: event.lead,
        coordinators: event.coordinators,
        dueDate: event.dueDate,
      };
    case 'assigned':
      return {
        ...state,
        assignees: [...state.assignees, event.assignee],
        dueDate: event.dueDate ?? state.dueDate,
      };
    case 'carried_over':
      if (event.direction === 'outgoing' && event.number)
        // Issued in the previous software: signed by the competent person before (Điều 13–15).
        return {
          ...state,
          direction: 'outgoing',
          status: 'issued',
          number: event.number,
          signedAt: event.at,
          issuedAt: event.at,
        };
      if (event.direction === 'incoming' && event.arrival)
        // Registered there; its direction and resolution follow as their own entries.
        return { ...state, direction: 'incoming', status: 'awaiting_direction', arrival: event.arrival };
      return refuse(event, state, 'Văn bản chuyển sang cần số (văn bản đi) hoặc số đến (văn bản đến).');
    case 'recipients_added':
    case 'opinion_added':
    case 'scanned':
    case 'access_granted':
    case 'access_revoked':
    case 'viewed':
      return state;
    case 'completed':
      return { ...state, status: 'completed', completedAt: event.at, replyDocumentId: event.replyDocumentId };
    case 'filed':
      return { ...state, status: 'filed', fileCode: event.fileCode };
    case 'withdrawn_by_sender':
      return { ...state, status: 'withdrawn_by_sender' };
    case 'amended': {
      const amendments = [
        ...state.amendments,
        { kind: event.kind, byDocumentId: event.byDocumentId, at: event.at },
      ];
      if (event.kind === 'correction') return { ...state, amendments };
      const status =
        state.status === 'issued'
          ? 'replaced'
          : BEING_HANDLED.includes(state.status!)
            ? 'superseded'
            : state.status;
      return { ...state, status, amendments };
    }
  }
}

export function foldDocumentEvents(events: readonly DocumentEvent[]): DocumentState {
  return events.reduce(applyDocumentEvent, INITIAL_DOCUMENT_STATE);
}
