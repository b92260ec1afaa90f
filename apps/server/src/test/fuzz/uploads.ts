/** Fuzzing (see requests.ts): Multipart and raw uploads: hostile files, names, part types and malformed multipart. */
import fc from 'fast-check';
import { MAX_FILE_BYTES } from '../../modules/dossiers';
import { PDF, PNG } from '../dossier-data';
import { type Body, jsonBody } from './bodies';

// Files
const EXE = Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000b8', 'hex'), Buffer.alloc(64, 0x90)]);
const ELF = Buffer.from('7f454c46020101000000000000000000', 'hex');
const HTML = Buffer.from('<html><script>alert(document.cookie)</script></html>');
const ZIP = Buffer.from('504b0304140000000800', 'hex');
const OVERSIZED = Buffer.concat([PDF, Buffer.alloc(MAX_FILE_BYTES + 1 - PDF.length, 0x41)]);

export const FILES: readonly [string, Buffer][] = [
  ['pdf', PDF],
  ['png', PNG],
  ['exe', EXE],
  ['elf', ELF],
  ['html', HTML],
  ['zip', ZIP],
  ['empty', Buffer.alloc(0)],
  ['binary', Buffer.from([0x00, 0xff, 0xfe, 0xed, 0xa0, 0x80])],
];

const FILE_NAMES: readonly string[] = [
  'to-khai.pdf',
  'hồ sơ đất đai.pdf',
  '../../etc/passwd',
  '..\\..\\windows\\system32\\cmd.exe',
  '/etc/passwd',
  '....//....//x.pdf',
  'a\u0000.pdf',
  '<script>alert(1)</script>.pdf',
  "'; drop table dossier_attachments; --.pdf",
  'x'.repeat(1000) + '.pdf',
  'setup.exe',
  'invoice.pdf.exe',
  '',
  '.',
  '..',
  'con.pdf',
  '\u202efdp.exe',
];

const PART_TYPES = ['application/pdf', 'application/x-msdownload', 'image/png', 'text/html', ''];

export function multipartBody(boundary: string, parts: Buffer[], close = true): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) chunks.push(Buffer.from(`--${boundary}\r\n`), part, Buffer.from('\r\n'));
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

export function filePart(name: string | null, type: string, content: Buffer, field = 'file'): Buffer {
  const disposition =
    name === null
      ? `form-data; name="${field}"`
      : `form-data; name="${field}"; filename="${name.replace(/"/g, '%22')}"`;
  const header = `Content-Disposition: ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`;
  return Buffer.concat([Buffer.from(header, 'utf8'), content]);
}

export const uploadBody: fc.Arbitrary<Body> = fc
  .tuple(
    fc.constantFrom(...FILES),
    fc.constantFrom(...FILE_NAMES),
    fc.constantFrom(...PART_TYPES),
    fc.nat({ max: 39 }),
  )
  .map(([[kind, content], fileName, partType, shape]): Body => {
    const boundary = '----tnfuzz7MA4YWxkTrZu0gW';
    const good = `multipart/form-data; boundary=${boundary}`;
    const one = filePart(fileName, partType, content);
    switch (shape) {
      case 0:
        return {
          payload: multipartBody(boundary, [filePart('to-khai.pdf', 'application/pdf', OVERSIZED)]),
          contentType: good,
          mutation: 'oversized',
        };
      case 1:
        return {
          payload: multipartBody(boundary, [one, filePart('b.pdf', 'application/pdf', PDF)]),
          contentType: good,
          mutation: 'two-files',
        };
      case 2:
        return {
          payload: multipartBody(boundary, [filePart(null, '', Buffer.from('text'), 'note'), one]),
          contentType: good,
          mutation: 'field-and-file',
        };
      case 3:
        return {
          payload: multipartBody(boundary, [one], false),
          contentType: good,
          mutation: 'unterminated',
        };
      case 4:
        return {
          payload: multipartBody(boundary, [one]).subarray(0, 40),
          contentType: good,
          mutation: 'truncated',
        };
      case 5:
        return {
          payload: multipartBody(boundary, [one]),
          contentType: 'multipart/form-data',
          mutation: 'no-boundary',
        };
      case 6:
        return {
          payload: multipartBody(boundary, [one]),
          contentType: 'multipart/form-data; boundary=other',
          mutation: 'wrong-boundary',
        };
      case 7:
        return { payload: multipartBody(boundary, []), contentType: good, mutation: 'no-parts' };
      case 8:
        return { payload: Buffer.alloc(0), contentType: good, mutation: 'empty-multipart' };
      case 9:
        return { payload: content, contentType: 'application/pdf', mutation: 'raw-file' };
      case 10:
        return {
          payload: JSON.stringify({ file: fileName }),
          contentType: 'application/json',
          mutation: 'json-instead',
        };
      case 11:
        return {
          payload: multipartBody(boundary, [Buffer.from('garbage without headers')]),
          contentType: good,
          mutation: 'headerless-part',
        };
      case 12:
        return {
          payload: multipartBody('x'.repeat(100), [one]),
          contentType: `multipart/form-data; boundary=${'x'.repeat(100)}`,
          mutation: 'long-boundary',
        };
      case 13:
        return {
          payload: multipartBody(boundary, [filePart(null, partType, content)]),
          contentType: good,
          mutation: 'no-filename',
        };
      default:
        return { payload: multipartBody(boundary, [one]), contentType: good, mutation: `upload:${kind}` };
    }
  });

const OVERSIZED_RAW = Buffer.concat([ZIP, Buffer.alloc(6 * 1024 * 1024, 0x41)]);

export function rawBody(mediaType: string): fc.Arbitrary<Body> {
  return fc.oneof(
    fc.constantFrom(...FILES).map(([kind, content]): Body => ({
      payload: content,
      contentType: mediaType,
      mutation: `raw:${kind}`,
    })),
    fc.uint8Array({ maxLength: 200 }).map((bytes): Body => ({
      payload: Buffer.concat([ZIP, Buffer.from(bytes)]),
      contentType: mediaType,
      mutation: 'raw:zip-garbage',
    })),
    fc.constant<Body>({ payload: OVERSIZED_RAW, contentType: mediaType, mutation: 'raw:oversized' }),
    fc.constantFrom(...FILES).map(([kind, content]): Body => ({
      payload: content,
      contentType: 'application/octet-stream',
      mutation: `raw-mislabelled:${kind}`,
    })),
    jsonBody(undefined),
  );
}
