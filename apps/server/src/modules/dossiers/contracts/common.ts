/**
 * The contracts shared by the dossier routes: the dossier code parameter, the Idempotency-Key
 * header, attachments, and the dossier as it is answered (detail, history, allowed actions).
 */
import { Type } from 'typebox';
import { DOSSIER_CODE_PATTERN } from '@tayninh/domain/dossiers/code';
import { RESULT_DELIVERY_METHODS } from '@tayninh/domain/dossiers/documents';
import { DOSSIER_STATUSES } from '@tayninh/domain/dossiers/lifecycle';
import { ATTACHMENT_PURPOSES } from '../../../db/schema';
import { Nullable, PageQuery, StringEnum } from '../../../http/schemas';
import { ChecklistItemSchema } from '../declaration';

/** The tag of the dossier routes in the API documentation. */
export const DOSSIER_TAGS = ['Hồ sơ (Một cửa)'];

export const CodeParams = Type.Object(
  { code: Type.String({ pattern: DOSSIER_CODE_PATTERN }) },
  { additionalProperties: false },
);

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' }),
  ),
});

/** A query of nothing but the page. */
export const PageOnlyQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

const UnitRef = Type.Object({ id: Type.Integer(), name: Type.String(), agencyCode: Nullable(Type.String()) });

export const ApplicantSchema = Type.Object(
  {
    fullName: Type.String({ minLength: 1, maxLength: 100 }),
    identityNumber: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{12}$' }))),
    phone: Type.Optional(Nullable(Type.String({ pattern: '^(\\+84|0)[0-9]{9,10}$' }))),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
    address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

export const HistoryItem = Type.Object({
  seq: Type.Integer(),
  type: Type.String({ description: 'Sự kiện đã ghi (accepted, forwarded, …)' }),
  label: Type.String({ description: 'Tên sự kiện bằng tiếng Việt' }),
  at: Type.String(),
  actor: Nullable(Type.String()),
  actorUnit: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  noteForApplicant: Type.Boolean({
    description:
      'Người nộp hồ sơ đọc được nội dung (reason) của mục này: văn bản gửi người nộp theo quy định, do chính người nộp ghi, hoặc cán bộ đã chọn cho người nộp xem',
  }),
  dueAt: Type.Optional(Type.String()),
  newDueAt: Type.Optional(Type.String()),
});

export const AttachmentPurposeSchema = StringEnum(ATTACHMENT_PURPOSES, {
  description:
    'Mục đích của tệp: document (thành phần hồ sơ hoặc tệp làm việc), supplement (tệp bổ sung khi được yêu cầu), result (kết quả giải quyết điện tử)',
});

export const AttachmentSchema = Type.Object({
  id: Type.Integer(),
  purpose: AttachmentPurposeSchema,
  documentCode: Nullable(Type.String()),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  uploadedAt: Type.String(),
});

export const ResultDeliverySchema = Type.Object({
  method: StringEnum(RESULT_DELIVERY_METHODS),
  name: Type.String({ description: 'Hình thức nhận kết quả, tiếng Việt' }),
  address: Nullable(Type.String()),
});

/** A dossier as its applicant or an officer sees it: the detail, the history, what may be done. */
export const DossierSchema = Type.Object({
  code: Type.String(),
  procedureCode: Type.String(),
  procedureVersionId: Type.Integer(),
  status: StringEnum(DOSSIER_STATUSES),
  statusName: Type.String(),
  channel: Type.String(),
  receivingUnit: UnitRef,
  handlingUnit: UnitRef,
  applicant: ApplicantSchema,
  formData: Type.Record(Type.String(), Type.Unknown()),
  submittedAt: Nullable(Type.String()),
  receivedAt: Nullable(Type.String()),
  dueAt: Nullable(Type.String()),
  originalDueAt: Nullable(Type.String()),
  completedAt: Nullable(Type.String()),
  cases: Type.Array(
    Type.Object(
      { code: Type.String(), group: Type.String(), name: Type.String() },
      { description: 'Trường hợp đã chọn' },
    ),
  ),
  resultDelivery: Nullable(ResultDeliverySchema),
  documents: Type.Array(ChecklistItemSchema, {
    description:
      'Thành phần hồ sơ áp dụng cho trường hợp và kênh nộp: bắt buộc hay không, đã nộp/đã nhận chưa',
  }),
  allowedActions: Type.Array(Type.String()),
  attachments: Type.Array(AttachmentSchema),
  rating: Nullable(
    Type.Object({
      timeScore: Type.Integer(),
      contactsScore: Type.Integer(),
      bodiesScore: Type.Integer(),
      attitudeScore: Type.Integer(),
      satisfaction: Type.String(),
      comment: Nullable(Type.String()),
      total: Type.Integer(),
      ratedAt: Type.String(),
    }),
  ),
  history: Type.Array(HistoryItem),
});
