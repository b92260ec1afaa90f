/**
 * Kinds of official documents and their marks, as NĐ 30/2020/NĐ-CP fixes them: the 29 kinds of
 * administrative documents (Điều 7) with the abbreviations of Phụ lục III mục I (công văn and thư
 * công have none), the three kinds of copies (Phụ lục I Phần II: SY, TrS, SL), the legal-normative
 * documents a province issues (Luật Ban hành VBQPPL 2015, amended 2025: the provincial People's
 * Council's nghị quyết, the People's Committee's quyết định; their số carries the year), urgency
 * (Phụ lục I III.2.b, and QCVN 102:2016's fifth value "hỏa tốc hẹn giờ") and secrecy (Luật Bảo
 * vệ bí mật nhà nước 2018: mật, tối mật, tuyệt mật). Shared by the server and the web.
 */

export interface DocumentKind {
  code: string;
  name: string;
  /** Phụ lục III abbreviation (mixed case as printed: TTr, QyĐ); null for công văn and thư công. */
  abbreviation: string | null;
  group: 'administrative' | 'legal' | 'copy';
}

const administrative = (code: string, name: string, abbreviation: string | null): DocumentKind => ({
  code,
  name,
  abbreviation,
  group: 'administrative',
});

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  administrative('nghi-quyet', 'Nghị quyết (cá biệt)', 'NQ'),
  administrative('quyet-dinh', 'Quyết định (cá biệt)', 'QĐ'),
  administrative('chi-thi', 'Chỉ thị', 'CT'),
  administrative('quy-che', 'Quy chế', 'QC'),
  administrative('quy-dinh', 'Quy định', 'QyĐ'),
  administrative('thong-cao', 'Thông cáo', 'TC'),
  administrative('thong-bao', 'Thông báo', 'TB'),
  administrative('huong-dan', 'Hướng dẫn', 'HD'),
  administrative('chuong-trinh', 'Chương trình', 'CTr'),
  administrative('ke-hoach', 'Kế hoạch', 'KH'),
  administrative('phuong-an', 'Phương án', 'PA'),
  administrative('de-an', 'Đề án', 'ĐA'),
  administrative('du-an', 'Dự án', 'DA'),
  administrative('bao-cao', 'Báo cáo', 'BC'),
  administrative('bien-ban', 'Biên bản', 'BB'),
  administrative('to-trinh', 'Tờ trình', 'TTr'),
  administrative('hop-dong', 'Hợp đồng', 'HĐ'),
  administrative('cong-van', 'Công văn', null),
  administrative('cong-dien', 'Công điện', 'CĐ'),
  administrative('ban-ghi-nho', 'Bản ghi nhớ', 'BGN'),
  administrative('ban-thoa-thuan', 'Bản thỏa thuận', 'BTT'),
  administrative('giay-uy-quyen', 'Giấy ủy quyền', 'GUQ'),
  administrative('giay-moi', 'Giấy mời', 'GM'),
  administrative('giay-gioi-thieu', 'Giấy giới thiệu', 'GGT'),
  administrative('giay-nghi-phep', 'Giấy nghỉ phép', 'GNP'),
  administrative('phieu-gui', 'Phiếu gửi', 'PG'),
  administrative('phieu-chuyen', 'Phiếu chuyển', 'PC'),
  administrative('phieu-bao', 'Phiếu báo', 'PB'),
  administrative('thu-cong', 'Thư công', null),
  // Legal-normative documents of the province (VBQPPL): a series per type, the year in the số.
  { code: 'nghi-quyet-qppl', name: 'Nghị quyết (quy phạm pháp luật)', abbreviation: 'NQ', group: 'legal' },
  { code: 'quyet-dinh-qppl', name: 'Quyết định (quy phạm pháp luật)', abbreviation: 'QĐ', group: 'legal' },
  // Copies: one series for all three (Phụ lục I Phần II).
  { code: 'sao-y', name: 'Bản sao y', abbreviation: 'SY', group: 'copy' },
  { code: 'trich-sao', name: 'Bản trích sao', abbreviation: 'TrS', group: 'copy' },
  { code: 'sao-luc', name: 'Bản sao lục', abbreviation: 'SL', group: 'copy' },
];

const BY_CODE = new Map(DOCUMENT_KINDS.map((kind) => [kind.code, kind]));

export function documentKind(code: string): DocumentKind | undefined {
  return BY_CODE.get(code);
}

/** Urgency (độ khẩn), with the Priority code of edXML (QCVN 102:2016): 0 thường … 4 hỏa tốc hẹn giờ. */
export const URGENCIES = ['normal', 'urgent', 'very_urgent', 'flash', 'flash_timed'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_NAMES: Record<Urgency, string> = {
  normal: 'Thường',
  urgent: 'Khẩn',
  very_urgent: 'Thượng khẩn',
  flash: 'Hỏa tốc',
  flash_timed: 'Hỏa tốc hẹn giờ',
};
export const URGENCY_PRIORITY: Record<Urgency, number> = {
  normal: 0,
  urgent: 1,
  very_urgent: 2,
  flash: 3,
  flash_timed: 4,
};

/** Registered, presented and forwarded at once (NĐ 30 Điều 4.2.c, 23.1), shown first. */
export function isUrgent(urgency: Urgency): boolean {
  return urgency !== 'normal';
}

/** Secrecy (độ mật). A secret document has its own series and never travels electronically. */
export const SECRECIES = ['none', 'confidential', 'secret', 'top_secret'] as const;
export type Secrecy = (typeof SECRECIES)[number];
export const SECRECY_NAMES: Record<Secrecy, string> = {
  none: 'Không mật',
  confidential: 'Mật',
  secret: 'Tối mật',
  top_secret: 'Tuyệt mật',
};

export function isSecret(secrecy: Secrecy): boolean {
  return secrecy !== 'none';
}

/**
 * Signing notations (thẩm quyền ký, Phụ lục I II.7.a): on behalf of a collective body, acting
 * head, deputy for the head, by order, by authorisation. None when the head signs in person.
 */
export const SIGNING_NOTATIONS = ['TM.', 'Q.', 'KT.', 'TL.', 'TUQ.'] as const;
export type SigningNotation = (typeof SIGNING_NOTATIONS)[number];
export const SIGNING_NOTATION_NAMES: Record<SigningNotation, string> = {
  'TM.': 'Thay mặt (tập thể)',
  'Q.': 'Quyền (cấp trưởng)',
  'KT.': 'Ký thay (cấp trưởng)',
  'TL.': 'Thừa lệnh',
  'TUQ.': 'Thừa ủy quyền',
};

/** Field limits of Phụ lục VI Phần II (chuẩn thông tin đầu vào). */
export const METADATA_LIMITS = {
  organId: 13,
  typeName: 100,
  codeNumber: 11,
  codeNotation: 30,
  organName: 200,
  subject: 500,
  language: 30,
  description: 500,
  signerPosition: 100,
  signerName: 50,
  toPlaces: 1000,
  fileNotation: 20,
} as const;
