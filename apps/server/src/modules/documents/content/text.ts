/** The text of a PDF, for search (pdf.js, as content/locate.ts reads it); an unreadable PDF is the sender's problem. */
import { foldedContent } from '@tayninh/domain/documents/search';
import { unprocessable } from '../../../http/errors';
import { textRuns } from './locate';

export async function pdfText(pdf: Uint8Array): Promise<{ pages: number; text: string }> {
  try {
    const { runs, pages } = await textRuns(pdf);
    return { pages, text: foldedContent(runs.map((r) => r.str).join(' ')) };
  } catch (error) {
    if ((error as { status?: number }).status) throw error;
    throw unprocessable(
      'unreadable_pdf',
      'Không đọc được tệp PDF (tệp hỏng hoặc có mật khẩu).',
      'The PDF cannot be read (damaged or password-protected).',
    );
  }
}
