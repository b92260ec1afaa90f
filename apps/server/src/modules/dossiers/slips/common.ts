/** What every TT 01/2018 slip shares: the dossier as the slips read it, the header, signatures. */
import type { DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import type { SlipWriter } from '../../../lib/pdf';

export const CHANNEL_NAMES: Record<string, string> = {
  online: 'trực tuyến',
  counter: 'trực tiếp',
  post: 'qua dịch vụ bưu chính',
};
export const UNIT_NAMES: Record<string, string> = {
  'working-days': 'ngày làm việc',
  'working-hours': 'giờ làm việc',
  'calendar-days': 'ngày',
};

export interface SlipContext {
  code: string;
  procedureName: string;
  channel: string;
  applicant: { fullName?: string; address?: string | null; phone?: string | null; email?: string | null };
  receivingUnit: string;
  parentUnit: string | null;
  /** The documents received: at the counter or by post as checked, online with their files. */
  documents: Array<{ name: string; originals: number; copies: number; files: number }>;
  resultDelivery: { name: string; address: string | null } | null;
  duration: { amount: number; unit: string } | null;
  fees: Array<{ name: string; amountVnd: number | null }>;
  history: Array<{ action: DossierAction; actorName: string | null }>;
  receivedAt: string | null;
  dueAt: string | null;
  lookupUrl: string;
}

export async function header(writer: SlipWriter, context: SlipContext) {
  writer.columns(
    [
      [(context.parentUnit ?? 'ỦY BAN NHÂN DÂN TỈNH TÂY NINH').toUpperCase(), 'regular'],
      [context.receivingUnit.toUpperCase(), 'bold'],
    ],
    [
      ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'bold'],
      ['Độc lập - Tự do - Hạnh phúc', 'bold'],
    ],
  );
}

export function officerOf(context: SlipContext, type: DossierAction['type']): string {
  const entry = [...context.history].reverse().find((item) => item.action.type === type);
  return entry?.actorName ?? '';
}

export function signatures(writer: SlipWriter, left: string, right: string, rightName: string) {
  writer.space(8);
  writer.columns(
    [
      [left, 'bold'],
      ['(Ký, ghi rõ họ tên)', 'italic'],
    ],
    [
      [right, 'bold'],
      ['(Ký, ghi rõ họ tên)', 'italic'],
      ['', 'regular'],
      ['', 'regular'],
      [rightName, 'bold'],
    ],
  );
}
