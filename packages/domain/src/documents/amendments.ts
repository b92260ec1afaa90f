/**
 * Amending an issued document (NĐ 30/2020/NĐ-CP, Điều 18.3): "văn bản điện tử đã được ban hành
 * có sai sót về nội dung phải được sửa đổi, thay thế bằng văn bản có hình thức tương đương" — a
 * content error is put right by a new document of the same kind that replaces it; "sai sót về
 * thể thức, kỹ thuật trình bày, thủ tục ban hành phải được đính chính bằng công văn" — an error of
 * form is corrected by a công văn of the issuing agency.
 *
 * The decree does not say to whom the amending document goes; an official expects it to reach
 * everyone who received the faulty one (otherwise a recipient keeps acting on it), so every
 * recipient of the original must be among its recipients — more may be added. On issuance the
 * original is marked (replaced, or corrected and still in force) and each recipient's copy inside
 * the deployment is linked to the new copy (lifecycle.ts, event `amended`). Over the exchange
 * (QCVN 102:2016) a replacement travels as BussinessDocType 3 with the replaced document's id.
 *
 * Pure: the server reads the original and the draft and asks what is wrong.
 */

export const AMENDMENT_KINDS = ['replacement', 'correction'] as const;
export type AmendmentKind = (typeof AMENDMENT_KINDS)[number];

export const AMENDMENT_NAMES: Record<AmendmentKind, string> = {
  replacement: 'Thay thế',
  correction: 'Đính chính',
};

/** The kind a correction must be (Điều 18.3: "đính chính bằng công văn"). */
export const CORRECTION_KIND = 'cong-van';

export interface RecipientRef {
  unitId?: number | null;
  organId?: string | null;
  name: string;
}

export interface AmendedOriginal {
  direction: 'outgoing' | 'incoming';
  status: string | null;
  /** The issuing agency's unit id. */
  agencyId: number;
  kind: string;
  secret: boolean;
  recipients: readonly RecipientRef[];
}

export interface AmendingDraft {
  agencyId: number;
  kind: string;
  recipients: readonly RecipientRef[];
}

export interface AmendmentProblem {
  code:
    | 'amended_not_outgoing'
    | 'amended_other_agency'
    | 'amended_not_issued'
    | 'amended_secret'
    | 'correction_not_letter'
    | 'replacement_kind_differs'
    | 'amendment_recipients_missing';
  message: string;
  messageEn: string;
  /** The original's recipients missing from the draft (amendment_recipients_missing). */
  missing?: string[];
}

const sameRecipient = (a: RecipientRef, b: RecipientRef) =>
  (a.unitId != null && a.unitId === b.unitId) ||
  (a.organId != null && a.organId.toUpperCase() === b.organId?.toUpperCase());

/** The original's recipients that the draft does not name (by unit, or by agency code). */
export function missingRecipients(original: readonly RecipientRef[], draft: readonly RecipientRef[]) {
  return original.filter(
    (o) => (o.unitId != null || o.organId != null) && !draft.some((d) => sameRecipient(o, d)),
  );
}

/** Why this draft cannot amend this document this way; empty when it can. */
export function amendmentProblems(
  kind: AmendmentKind,
  draft: AmendingDraft,
  original: AmendedOriginal,
): AmendmentProblem[] {
  if (original.direction !== 'outgoing')
    return [
      {
        code: 'amended_not_outgoing',
        message: 'Chỉ đính chính, thay thế được văn bản do chính cơ quan mình ban hành.',
        messageEn: 'Only a document the agency issued itself can be corrected or replaced.',
      },
    ];
  if (original.agencyId !== draft.agencyId)
    return [
      {
        code: 'amended_other_agency',
        message: 'Văn bản được đính chính, thay thế phải do cùng cơ quan ban hành.',
        messageEn: 'The amended document must have been issued by the same agency.',
      },
    ];
  const problems: AmendmentProblem[] = [];
  if (original.status !== 'issued')
    problems.push({
      code: 'amended_not_issued',
      message:
        'Chỉ đính chính, thay thế văn bản đã phát hành và còn hiệu lực (chưa thu hồi, chưa bị thay thế).',
      messageEn: 'Only an issued document still in force (not recalled nor replaced) can be amended.',
    });
  if (original.secret)
    problems.push({
      code: 'amended_secret',
      message:
        'Văn bản mật được đính chính, thay thế bằng văn bản giấy theo quy định bảo vệ bí mật nhà nước.',
      messageEn: 'A secret document is amended on paper.',
    });
  if (kind === 'correction' && draft.kind !== CORRECTION_KIND)
    problems.push({
      code: 'correction_not_letter',
      message:
        'Sai sót về thể thức, kỹ thuật trình bày, thủ tục ban hành được đính chính bằng công văn (Điều 18.3).',
      messageEn: 'A correction of form is made by a công văn (Điều 18.3).',
    });
  if (kind === 'replacement' && draft.kind !== original.kind)
    problems.push({
      code: 'replacement_kind_differs',
      message: 'Văn bản thay thế phải có hình thức tương đương với văn bản bị thay thế (Điều 18.3).',
      messageEn: 'A replacement must be of the same kind as the replaced document (Điều 18.3).',
    });
  const missing = missingRecipients(original.recipients, draft.recipients);
  if (missing.length > 0)
    problems.push({
      code: 'amendment_recipients_missing',
      message: `Văn bản ${kind === 'correction' ? 'đính chính' : 'thay thế'} phải gửi đến mọi nơi đã nhận văn bản cũ; còn thiếu: ${missing.map((m) => m.name).join('; ')}.`,
      messageEn: 'Every recipient of the original must receive the amending document.',
      missing: missing.map((m) => m.name),
    });
  return problems;
}
