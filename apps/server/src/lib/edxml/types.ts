/**
 * The edXML packages of QCVN 102:2016/BTTTT (as amended 2022) that carry official documents and
 * their status between document-management systems and the national axis: the "edoc" package
 * (a document with its signed PDF and attachments) and the "status" package (what the receiver
 * did with it). Field names follow the standard's elements (From, To, Code, PromulgationInfo…);
 * their structure is the one of the public sample packages, as digested in
 * ../shared/domain/documents-exchange-lgsp.md §2 and docs/EXCHANGE.md (sources there).
 *
 * Dates are ISO here (yyyy-mm-dd, and instants as ISO 8601); the wire formats (yyyy/MM/dd,
 * "yyyy/MM/dd HH:mm:ss" in Vietnam time) are the builder's and the parser's business.
 */

/** The one edXML namespace, on the root (default) and bound again to the prefix edXML. */
export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

export interface Organ {
  /** The agency's identifier code (mã định danh, e.g. 000.00.16.H53). */
  organId: string;
  organName: string;
  /** The agency above it (OrganizationInCharge: "UBND tỉnh Tây Ninh"). */
  organizationInCharge?: string | null;
  organAdd?: string | null;
  email?: string | null;
  telephone?: string | null;
  fax?: string | null;
  website?: string | null;
}

export interface StaffInfo {
  department: string;
  staff: string;
  mobile?: string | null;
  email?: string | null;
}

/** A document this one answers (ResponseFor), and the document a status is about. */
export interface DocumentRef {
  organId: string;
  /** "15/QĐ-SXD". */
  code: string;
  promulgationDate: string;
  documentId: string;
}

/** BussinessDocType: 0 a new document, 1 a revocation, 2 an update, 3 a replacement. */
export type BusinessDocType = 0 | 1 | 2 | 3;

export interface Business {
  /** The document concerned (for a revocation, update or replacement: the earlier one). */
  documentId?: string | null;
  docType: BusinessDocType;
  reason: string;
  /** Paper copies follow (Paper 1). */
  paper: boolean;
  staff?: StaffInfo | null;
  /** An update: whether the document's information, and the list of receivers, changed. */
  update?: {
    documentInfo: boolean;
    receivers: boolean;
    receiverList: Array<{ organId: string; receiverType: number }>;
  };
  /** A replacement: the documents replaced, and the agencies that had them. */
  replacements?: Array<{ documentId: string; organIds: string[] }>;
}

export interface Attachment {
  /** Without the "cid:" prefix. */
  contentId: string;
  name: string;
  description?: string | null;
  /** The file's own media type (its bytes travel zipped, as the national axis sends them). */
  contentType: string;
  content: Uint8Array;
}

export interface EdocHeader {
  from: Organ;
  to: Organ[];
  /** `<OrganId>,<yyyy/MM/dd>,<số>/<ký hiệu>` when emitted; any string is accepted on receipt. */
  documentId: string;
  code: { codeNumber: string; codeNotation: string };
  promulgation: { place: string; date: string };
  /** Type is the sender's code (no official table is published); TypeName is what receivers rely on. */
  documentType: { type: number; typeDetail: number; typeName: string };
  subject: string;
  content?: string | null;
  signer: { competence?: string | null; position: string; fullName: string };
  dueDate?: string | null;
  toPlaces: string[];
  /** Priority 0 thường … 4 hỏa tốc hẹn giờ (urgency's edXML code). */
  priority: 0 | 1 | 2 | 3 | 4;
  sphereOfPromulgation?: string | null;
  typerNotation?: string | null;
  promulgationAmount?: number | null;
  pageAmount?: number | null;
  appendixes: string[];
  responseFor: DocumentRef[];
  /** 0 not a direction, 1 a direction, 2 a report on a direction. */
  steeringType: 0 | 1 | 2;
}

export interface Edoc {
  header: EdocHeader;
  /** One entry per hop, oldest first. */
  trace: Array<{ organId: string; timestamp: string }>;
  business: Business;
  attachments: Attachment[];
}

export const STATUS_CODES = ['01', '02', '03', '04', '05', '06', '13', '15', '16'] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

/** The descriptions of the official example files (SDKVXP_Example resources/status_*). */
export const STATUS_DESCRIPTIONS: Record<StatusCode, string> = {
  '01': 'Đã đến - Phần mềm QLVB đã nhận nhưng văn thư chưa xử lý',
  '02': 'Từ chối không tiếp nhận văn bản điện tử',
  '03': 'Tiếp nhận văn bản điện tử, vào sổ văn bản đến của đơn vị',
  '04': 'Lãnh đạo: Phân công xử lý',
  '05': 'Đang xử lý văn bản đến',
  '06': 'Văn thư: Ban hành văn bản đến, hoàn thành xử lý',
  '13': 'Văn thư yêu cầu lấy lại văn bản điện tử kèm lý do',
  '15': 'Văn thư đồng ý yêu cầu cập nhật, lấy lại',
  '16': 'Văn thư từ chối yêu cầu cập nhật, lấy lại',
};

export interface StatusPackage {
  from: Organ;
  responseFor: DocumentRef;
  staff: StaffInfo;
  statusCode: StatusCode;
  description: string;
  timestamp: string;
}

/** A package that cannot be read, or breaks the rules; `field` names the element. */
export class EdxmlError extends Error {
  constructor(
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'EdxmlError';
  }
}
