/**
 * The documents API's answers as the web reads them (apps/server/src/modules/documents:
 * describe.ts, list.ts, load.ts historyOf). The server declares these routes' answers loosely,
 * so the shapes are written here once and every page reads through them.
 */
import type { AmendmentKind } from '@tayninh/domain/documents/amendments';
import type { DocumentStatus } from '@tayninh/domain/documents/lifecycle';
import type { Secrecy, Urgency } from '@tayninh/domain/documents/types';

export type ActionName =
  | 'submit'
  | 'approve'
  | 'return'
  | 'cancel'
  | 'sign'
  | 'prepare-signature'
  | 'attach-signature'
  | 'number-and-seal'
  | 'issue'
  | 'recall'
  | 'add-recipients'
  | 'receive'
  | 'return-to-sender'
  | 'register'
  | 'direct'
  | 'assign'
  | 'add-opinion'
  | 'complete'
  | 'file'
  | 'grant-access'
  | 'revoke-access';

/** An existing document a problem or a warning points to (suspected duplicates). */
export interface RelatedDocument {
  id: number;
  href: string;
  title: string;
}

export interface UnitRef {
  id: number;
  name: string;
  agencyCode: string | null;
}

export interface DocumentFile {
  id: number;
  role: string;
  version: number;
  position: number;
  fileName: string;
  sizeBytes: number;
}

export interface AmendmentLink {
  documentId: number | null;
  kind: AmendmentKind;
  kindName: string;
  reason: string | null;
  at: string | null;
  subject: string | null;
  text: string | null;
}

export interface DocumentView {
  id: number;
  direction: 'outgoing' | 'incoming';
  status: DocumentStatus;
  statusName: string;
  kind: string;
  kindName: string;
  subject: string;
  urgency: Urgency;
  secrecy: Secrecy;
  /** Received or sent electronically (false: a paper document, scanned and registered by hand). */
  electronic: boolean;
  /** A register entry carried over from the previous software, with what it recorded of the signatures. */
  carriedOver: { system: string; personSigned: boolean; agencySigned: boolean } | null;
  pageAmount: number | null;
  description: string | null;
  /** For the văn thư deciding on an arrival: earlier documents it may duplicate. */
  duplicates: RelatedDocument[];
  /** The văn thư may attach the scan of this paper document now. */
  mayAttachScan: boolean;
  /** Who was given access to this secret document, for those who may give it (else null). */
  grants: Array<{
    userId: number;
    fullName: string;
    grantedBy: string;
    grantedAt: string;
    reason: string;
  }> | null;
  agency: UnitRef | null;
  draftingUnit: UnitRef | null;
  version: number;
  returnedReason: string | null;
  signer: {
    userId: number | null;
    name: string | null;
    position: string | null;
    notation: string | null;
    authorityTitle: string | null;
  };
  number: { text: string; issuedDate?: string } | null;
  arrival: { number: number; date: string } | null;
  origin: {
    organId: string | null;
    organName: string | null;
    text: string | null;
    issuedDate: string | null;
  } | null;
  dueDate: string | null;
  answersDocumentId: number | null;
  /** The document this one replaces or corrects (NĐ 30/2020 Điều 18.3). */
  amends: AmendmentLink | null;
  /** The documents (or, on a copy, the new copies) that replaced or corrected this one. */
  amendedBy: AmendmentLink[];
  /** The reader may draft its replacement or correction now. */
  mayAmend: boolean;
  /** The nơi nhận as drafted: units of the province, or external agencies by identifier code. */
  recipients: Array<{ unitId?: number; organId?: string; name: string; purpose?: 'action' | 'information' }>;
  replyDocumentId: number | null;
  fileCode: string | null;
  deliveries: Array<{
    position: number;
    name: string;
    unitId: number | null;
    organId: string | null;
    state: 'delivered' | 'queued_external' | 'paper' | 'returned' | 'recalled';
    at: string | null;
  }>;
  parties: Array<{
    role: 'lead' | 'coordinator' | 'assignee';
    unitId: number;
    unitName: string | null;
    userId: number | null;
    userName: string | null;
    dueDate: string | null;
  }>;
  files: DocumentFile[];
  signatures: Array<{
    kind: 'person' | 'agency';
    method: string;
    fileId: number;
    certificateSubject: string;
    signedAt: string | null;
  }>;
  allowedActions: ActionName[];
  createdAt: string;
}

export interface DocumentListItem {
  id: number;
  kind: string;
  subject: string;
  status: DocumentStatus;
  statusName: string;
  urgency: Urgency;
  secrecy: Secrecy;
  number: string | null;
  issuedDate: string | null;
  arrivalNumber: number | null;
  arrivalDate: string | null;
  origin: string | null;
  issuer: string | null;
  dueDate: string | null;
  createdAt: string;
}

export interface DocumentPage {
  items: DocumentListItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface DocumentHistory {
  stream: string;
  entries: Array<{
    seq: number;
    type: string;
    at: string;
    actor: { userId: number; fullName: string | null } | null;
    reason: string | null;
    event: { type: string; opinion?: string; note?: string; reason?: string };
  }>;
}
