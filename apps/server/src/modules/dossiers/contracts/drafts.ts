/** The contracts of the draft routes (hồ sơ nháp): save and resume an online submission. */
import { Type } from 'typebox';
import { Nullable } from '../../../http/schemas';
import { PROCEDURE_CODE_PATTERN } from '../../procedures';
import { DeclarationFields } from '../declaration';
import { AttachmentSchema, ResultDeliverySchema } from './common';

export const DRAFT_TAGS = ['Hồ sơ nháp (nộp trực tuyến)'];

export const DraftSchema = Type.Object({
  id: Type.Integer(),
  status: Type.String(),
  procedureCode: Type.String(),
  procedureName: Type.String(),
  unitId: Nullable(Type.Integer()),
  formData: Type.Record(Type.String(), Type.Unknown()),
  cases: Type.Array(Type.String()),
  resultDelivery: Nullable(ResultDeliverySchema),
  attachments: Type.Array(AttachmentSchema),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const FormData = Type.Record(Type.String(), Type.Unknown(), { maxProperties: 200 });

export const CreateDraftBody = Type.Object(
  {
    procedureCode: Type.String({ pattern: PROCEDURE_CODE_PATTERN }),
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
    formData: Type.Optional(FormData),
    ...DeclarationFields,
  },
  { additionalProperties: false },
);

export const UpdateDraftBody = Type.Object(
  { unitId: Type.Optional(Type.Integer({ minimum: 1 })), formData: FormData, ...DeclarationFields },
  { additionalProperties: false },
);

export const DraftListItem = Type.Object({
  id: Type.Integer(),
  procedureCode: Type.String(),
  procedureName: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
