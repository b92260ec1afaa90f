/** The contracts of the upload and download routes, of submitted dossiers and of drafts alike. */
import { Type } from 'typebox';
import { IdParams, problemResponses } from '../../../http/schemas';
import { AttachmentPurposeSchema, AttachmentSchema, CodeParams } from './common';

export const DocumentQuery = Type.Object(
  { documentCode: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,30}$' })) },
  { additionalProperties: false },
);

/**
 * On a submitted dossier the upload also says what the file is for. Like documentCode it is a
 * query parameter: the multipart body carries the file and nothing else.
 */
export const DossierUploadQuery = Type.Object(
  {
    documentCode: DocumentQuery.properties.documentCode,
    purpose: Type.Optional(AttachmentPurposeSchema),
  },
  { additionalProperties: false },
);

// 201: stored; 200: the same upload again (same Idempotency-Key, or same file for the same document).
export const uploadResponses = {
  201: AttachmentSchema,
  200: { ...AttachmentSchema, description: 'Tệp này đã được đính kèm (gửi lại cùng khoá hoặc cùng tệp)' },
  ...problemResponses,
};

export const uploadSummary =
  'Đính kèm một tệp (PDF, JPEG, PNG, DOCX, XLSX; tối đa 10 MB) cho một thành phần hồ sơ';

export const DossierAttachmentParams = Type.Object(
  { code: CodeParams.properties.code, id: IdParams.properties.id },
  { additionalProperties: false },
);

export const DraftAttachmentParams = Type.Object(
  { id: IdParams.properties.id, attachmentId: IdParams.properties.id },
  { additionalProperties: false },
);
