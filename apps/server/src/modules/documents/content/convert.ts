/**
 * The content file a drafter uploads, made the PDF that is signed: a PDF as it is (checked that
 * it opens, unencrypted), a DOCX converted by LibreOffice from Debian (`soffice --headless
 * --convert-to pdf`), each conversion with its own profile directory so that conversions run
 * side by side, with a time limit. The kind is read from the bytes, never from the name.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { fileTypeFromBuffer } from 'file-type';
import { DomainError, unprocessable } from '../../../http/errors';
import { pdfLib } from '../../../lib/pades';

const run = promisify(execFile);

/** 20 MB: a decision with its scanned annexes; larger files are split into attachments. */
export const MAX_CONTENT_BYTES = 20 * 1024 * 1024;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const CONVERT_TIMEOUT_MS = 90_000;

export type ContentKind = 'pdf' | 'docx';

export async function contentKindOf(bytes: Uint8Array): Promise<ContentKind> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected?.mime === 'application/pdf') return 'pdf';
  if (detected?.mime === DOCX) return 'docx';
  throw new DomainError({
    code: 'unsupported_file_type',
    status: 415,
    message: 'Chỉ nhận tệp PDF hoặc DOCX (Word).',
    messageEn: 'Only PDF or DOCX (Word) files are accepted.',
  });
}

/** The PDF of an uploaded content file (DOCX converted), refused in words when it cannot be used. */
export async function toPdf(bytes: Uint8Array, soffice = process.env.SOFFICE_PATH ?? 'soffice') {
  const kind = await contentKindOf(bytes);
  const pdf = kind === 'pdf' ? bytes : await convertDocx(bytes, soffice);
  try {
    const doc = await pdfLib.PDFDocument.load(pdf, { updateMetadata: false });
    if (doc.getPageCount() === 0) throw new Error('no pages');
  } catch (error) {
    const encrypted = /encrypt/i.test(String(error));
    throw unprocessable(
      encrypted ? 'pdf_encrypted' : 'pdf_unreadable',
      encrypted
        ? 'Tệp PDF có mật khẩu hoặc bị khóa: hãy gửi tệp không khóa để ký số.'
        : 'Không đọc được tệp PDF (tệp hỏng hoặc không phải PDF).',
      encrypted ? 'The PDF is encrypted: send an unlocked file to sign.' : 'The PDF cannot be read.',
    );
  }
  return { kind, pdf };
}

async function convertDocx(bytes: Uint8Array, soffice: string): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'tn-docx-'));
  try {
    const input = join(dir, 'noi-dung.docx');
    await writeFile(input, bytes);
    await run(
      soffice,
      [
        `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf:writer_pdf_Export',
        '--outdir',
        dir,
        input,
      ],
      { timeout: CONVERT_TIMEOUT_MS, maxBuffer: 1024 * 1024 },
    ).catch((error: NodeJS.ErrnoException & { killed?: boolean }) => {
      if (error.code === 'ENOENT')
        throw new DomainError({
          code: 'converter_unavailable',
          status: 503,
          message: 'Máy chủ chưa cài LibreOffice để chuyển DOCX sang PDF; hãy gửi tệp PDF.',
          messageEn: 'LibreOffice is not installed on the server to convert DOCX; send a PDF.',
        });
      throw unprocessable(
        'docx_unconvertible',
        error.killed
          ? 'Chuyển tệp DOCX sang PDF quá thời gian cho phép; hãy gửi tệp PDF.'
          : 'Không chuyển được tệp DOCX sang PDF (tệp hỏng?); hãy gửi tệp PDF.',
        'The DOCX file could not be converted to PDF; send a PDF.',
      );
    });
    return new Uint8Array(
      await readFile(join(dir, 'noi-dung.pdf')).catch(() => {
        throw unprocessable(
          'docx_unconvertible',
          'Không chuyển được tệp DOCX sang PDF (tệp hỏng?); hãy gửi tệp PDF.',
          'The DOCX file could not be converted to PDF; send a PDF.',
        );
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
