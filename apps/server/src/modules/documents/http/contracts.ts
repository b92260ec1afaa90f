/** Request and response schemas of the documents API (issue #14 §5). */
import { Type } from 'typebox';
import { AGENCY_CODE_PATTERN } from '@tayninh/domain/org/codes';
import {
  DOCUMENT_KINDS,
  METADATA_LIMITS,
  SECRECIES,
  SIGNING_NOTATIONS,
  URGENCIES,
} from '@tayninh/domain/documents/types';
import { AMENDMENT_KINDS } from '@tayninh/domain/documents/amendments';
import { DateString, StringEnum } from '../../../http/schemas';

export const DOCUMENT_TAGS = ['Văn bản (quản lý văn bản và điều hành)'];

export const DocumentParams = Type.Object(
  { id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) },
  { additionalProperties: false },
);

const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
const Id = Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 });

const RecipientSchema = Type.Object(
  {
    unitId: Type.Optional(Type.Union([Id, Type.Null()])),
    organId: Type.Optional(Type.Union([Type.String({ pattern: AGENCY_CODE_PATTERN }), Type.Null()])),
    name: Type.Optional(Type.Union([Text(200), Type.Null()])),
    purpose: Type.Optional(StringEnum(['action', 'information'] as const)),
  },
  { additionalProperties: false },
);

export const DraftBody = Type.Object(
  {
    kind: StringEnum(DOCUMENT_KINDS.map((k) => k.code)),
    subject: Text(METADATA_LIMITS.subject),
    body: Text(100_000),
    urgency: Type.Optional(StringEnum(URGENCIES)),
    secrecy: Type.Optional(StringEnum(SECRECIES)),
    signerUserId: Id,
    signerPosition: Text(METADATA_LIMITS.signerPosition),
    signingNotation: Type.Optional(Type.Union([StringEnum(SIGNING_NOTATIONS), Type.Null()])),
    authorityTitle: Type.Optional(Type.Union([Text(100), Type.Null()])),
    recipients: Type.Array(RecipientSchema, { minItems: 1, maxItems: 200 }),
    dueDate: Type.Optional(Type.Union([DateString, Type.Null()])),
    answersDocumentId: Type.Optional(Type.Union([Id, Type.Null()])),
    /** The issued document this one replaces (same kind) or corrects (a công văn), Điều 18.3. */
    amends: Type.Optional(
      Type.Object(
        { documentId: Id, kind: StringEnum(AMENDMENT_KINDS), reason: Text(500) },
        { additionalProperties: false },
      ),
    ),
    description: Type.Optional(Type.Union([Text(METADATA_LIMITS.description), Type.Null()])),
    draftingUnitId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false },
);

/** A paper document received by the văn thư, its metadata entered by hand (Điều 21.1; Phụ lục VI). */
export const PaperBody = Type.Object(
  {
    unitId: Type.Optional(Type.Union([Id, Type.Null()])),
    kind: StringEnum(DOCUMENT_KINDS.map((k) => k.code)),
    subject: Text(METADATA_LIMITS.subject),
    issuerName: Text(METADATA_LIMITS.organName),
    issuerOrganId: Type.Optional(Type.Union([Type.String({ pattern: AGENCY_CODE_PATTERN }), Type.Null()])),
    codeNumber: Type.Optional(
      Type.Union([
        Type.String({
          minLength: 1,
          maxLength: METADATA_LIMITS.codeNumber,
          pattern: '^[0-9]{1,7}(/[0-9]{4})?$',
        }),
        Type.Null(),
      ]),
    ),
    codeNotation: Type.Optional(
      Type.Union([
        Type.String({ minLength: 1, maxLength: METADATA_LIMITS.codeNotation, pattern: '^[^\\s/]+$' }),
        Type.Null(),
      ]),
    ),
    issuedDate: DateString,
    urgency: Type.Optional(StringEnum(URGENCIES)),
    secrecy: Type.Optional(StringEnum(SECRECIES)),
    pageAmount: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 999 }), Type.Null()])),
    signerName: Type.Optional(Type.Union([Text(METADATA_LIMITS.signerName), Type.Null()])),
    signerPosition: Type.Optional(Type.Union([Text(METADATA_LIMITS.signerPosition), Type.Null()])),
    dueDate: Type.Optional(Type.Union([DateString, Type.Null()])),
    description: Type.Optional(Type.Union([Text(METADATA_LIMITS.description), Type.Null()])),
    confirmDuplicate: Type.Optional(
      Type.Boolean({ description: 'Văn thư xác nhận đây là văn bản khác với văn bản nghi trùng' }),
    ),
  },
  { additionalProperties: false },
);

const AssigneeSchema = Type.Object(
  { unitId: Id, userId: Type.Optional(Type.Union([Id, Type.Null()])) },
  { additionalProperties: false },
);
const Reason = Text(500);
const only = <T extends string>(
  type: T,
  props: Record<string, ReturnType<typeof Type.Optional> | ReturnType<typeof Text>> = {},
) => Type.Object({ type: Type.Literal(type), ...props }, { additionalProperties: false });

export const ActionBody = Type.Union([
  only('submit'),
  Type.Object(
    {
      type: Type.Literal('sign'),
      pin: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Mã PIN ký số' })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('prepare-signature'),
      certificate: Type.String({
        minLength: 100,
        maxLength: 16_000,
        description: 'Chứng thư ký số trên thiết bị của người ký: PEM, hoặc DER mã hóa base64',
      }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('attach-signature'),
      preparationId: Id,
      signature: Type.String({
        minLength: 100,
        maxLength: 24_000,
        pattern: '^[A-Za-z0-9+/=\\s]+$',
        description: 'CMS SignedData (tách rời) trên giá trị băm đã nhận, mã hóa base64',
      }),
    },
    { additionalProperties: false },
  ),
  only('number-and-seal'),
  only('issue'),
  Type.Object(
    {
      type: Type.Literal('add-recipients'),
      recipients: Type.Array(RecipientSchema, { minItems: 1, maxItems: 50 }),
      reason: Reason,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('receive'),
      confirmDuplicate: Type.Optional(
        Type.Boolean({ description: 'Văn thư xác nhận đây là văn bản khác với văn bản nghi trùng' }),
      ),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('approve'), note: Type.Optional(Text(1000)) },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: StringEnum(['return', 'cancel', 'recall', 'return-to-sender'] as const), reason: Reason },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('register'), presentedTo: Type.Optional(Type.Union([Id, Type.Null()])) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('direct'),
      lead: AssigneeSchema,
      coordinators: Type.Optional(Type.Array(AssigneeSchema, { maxItems: 50 })),
      dueDate: Type.Optional(Type.Union([DateString, Type.Null()])),
      workingDays: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 365 }), Type.Null()])),
      opinion: Text(2000),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('assign'),
      assignee: AssigneeSchema,
      dueDate: Type.Optional(Type.Union([DateString, Type.Null()])),
      note: Type.Optional(Text(1000)),
    },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('add-opinion'), opinion: Text(2000) }, { additionalProperties: false }),
  Type.Object(
    {
      type: Type.Literal('complete'),
      replyDocumentId: Type.Optional(Type.Union([Id, Type.Null()])),
      note: Type.Optional(Text(1000)),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: StringEnum(['grant-access', 'revoke-access'] as const),
      userId: Id,
      reason: Reason,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('file'),
      fileCode: Type.String({ minLength: 1, maxLength: METADATA_LIMITS.fileNotation, pattern: '^[^\\s].*$' }),
    },
    { additionalProperties: false },
  ),
]);

export const ListQuery = Type.Object(
  {
    register: StringEnum(['outgoing', 'incoming'] as const),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2200 })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    status: Type.Optional(Type.String({ maxLength: 40, pattern: '^[a-z_]+$' })),
    kind: Type.Optional(StringEnum(DOCUMENT_KINDS.map((k) => k.code))),
    urgency: Type.Optional(StringEnum(URGENCIES)),
    issuer: Type.Optional(
      Type.String({ maxLength: 200, description: 'Tên (một phần) hoặc mã định danh của cơ quan ban hành' }),
    ),
    due: Type.Optional(
      StringEnum(['soon', 'overdue'] as const, {
        description: 'soon: hạn trong 2 ngày tới; overdue: quá hạn',
      }),
    ),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
