/** Reading the one file of a multipart upload, for every module that takes files. */
import type { FastifyRequest } from 'fastify';
import { DomainError } from './errors';

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
