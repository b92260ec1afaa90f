/** The contracts of submitting a dossier and of reading one: the applicant's list, the history, the public lookup. */
import { Type } from 'typebox';
import { DOSSIER_ACTION_TYPES, DOSSIER_STATUSES } from '@tayninh/domain/dossiers/lifecycle';
import { Nullable, StringEnum } from '../../../http/schemas';
import { PROCEDURE_CODE_PATTERN } from '../../procedures';
import { DeclarationFields, DocumentsReceivedField } from '../declaration';
import { SLIP_KINDS } from '../slips/slips';
import { ApplicantSchema, CodeParams, HistoryItem } from './common';

export const SubmitDossierBody = Type.Object(
  {
    procedureCode: Type.String({ pattern: PROCEDURE_CODE_PATTERN }),
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
    channel: Type.Optional(
      StringEnum(['online', 'counter', 'post'] as const, {
        description:
          'Kênh tiếp nhận; công dân nộp trực tuyến nên có thể bỏ qua (mặc định online); cán bộ bắt buộc ghi counter hoặc post',
      }),
    ),
    formData: Type.Record(Type.String(), Type.Unknown()),
    applicant: Type.Optional(ApplicantSchema),
    ...DeclarationFields,
    documentsReceived: DocumentsReceivedField,
  },
  { additionalProperties: false },
);

export const MyDossierItem = Type.Object({
  code: Type.String(),
  procedureName: Type.String(),
  status: Type.String(),
  statusName: Type.String(),
  submittedAt: Nullable(Type.String()),
  dueAt: Nullable(Type.String()),
});

export const DossierEventsSchema = Type.Object({
  code: Type.String(),
  events: Type.Array(
    Type.Object(
      { type: StringEnum(DOSSIER_ACTION_TYPES), at: Type.String() },
      { additionalProperties: true },
    ),
  ),
});

export const SlipParams = Type.Object(
  {
    code: CodeParams.properties.code,
    file: Type.String({ pattern: `^(${SLIP_KINDS.join('|')})\\.pdf$` }),
  },
  { additionalProperties: false },
);

export const DossierHistorySchema = Type.Object({
  code: Type.String(),
  status: StringEnum(DOSSIER_STATUSES),
  statusName: Type.String(),
  items: Type.Array(HistoryItem),
});

export const PublicDossierSchema = Type.Object({
  code: Type.String(),
  procedureName: Type.String(),
  receivingUnit: Type.String(),
  status: Type.String(),
  statusName: Type.String(),
  submittedAt: Nullable(Type.String()),
  receivedAt: Nullable(Type.String()),
  dueAt: Nullable(Type.String()),
  completedAt: Nullable(Type.String()),
});
