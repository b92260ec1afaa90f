/** Reading the one file of a multipart upload, and sending a stored attachment back. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../http/errors';
import type { openAttachment } from '../attachments';

/** RFC 8187 ext-value: encodeURIComponent leaves ' ( ) * as they are, which the grammar excludes. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Attachment types a browser shows itself (opened inline in a new tab). */
const INLINE_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);

/** The one file of a multipart upload, as a buffer (the size limit is enforced while reading). */
export async function readUpload(request: FastifyRequest) {
  if (!request.isMultipart()) {
    throw new DomainError({
      code: 'multipart_expected',
      status: 415,
      message: 'Hãy gửi tệp dưới dạng multipart/form-data.',
      messageEn: 'Send the file as multipart/form-data.',
    });
  }
  try {
    const part = await request.file();
    if (!part)
      throw new DomainError({
        code: 'file_missing',
        status: 400,
        message: 'Chưa có tệp đính kèm trong yêu cầu.',
        messageEn: 'No file in the request.',
      });
    return { fileName: part.filename, content: await part.toBuffer() };
  } catch (error) {
    // The multipart parser rejects a broken body (no boundary, truncated, bad part headers) with
    // plain errors that carry no status, which would be answered 500; they are the client's.
    if (error instanceof DomainError || (error as { statusCode?: number }).statusCode) throw error;
    throw new DomainError({
      code: 'malformed_multipart',
      status: 400,
      message: 'Nội dung multipart/form-data bị hỏng hoặc không đầy đủ.',
      messageEn: 'The multipart/form-data body is malformed or incomplete.',
    });
  }
}

export async function sendAttachment(
  reply: FastifyReply,
  opened: Awaited<ReturnType<typeof openAttachment>>,
) {
  const { attachment, stream } = opened;
  // PDF and images open in the browser's viewer; office documents are downloaded. The type was
  // detected from the bytes at upload, and nosniff keeps the browser to it.
  const disposition = INLINE_TYPES.has(attachment.mediaType) ? 'inline' : 'attachment';
  return reply
    .type(attachment.mediaType)
    .header('content-disposition', `${disposition}; filename*=UTF-8''${rfc5987(attachment.fileName)}`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(stream);
}
