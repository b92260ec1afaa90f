/** Sending a stored attachment back (reading an upload: http/uploads.ts). */
import type { FastifyReply } from 'fastify';
import type { openAttachment } from '../attachments';

export { readUpload } from '../../../http/uploads';

/** RFC 8187 ext-value: encodeURIComponent leaves ' ( ) * as they are, which the grammar excludes. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Attachment types a browser shows itself (opened inline in a new tab). */
const INLINE_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);

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
