/** Returning the result (trả kết quả) at the counter, by post, or online with an electronic result. */
import { requireElectronicResult } from '../returning';
import type { CommandContext, Decision } from './command';

export async function returnResult({ db, row, at, input }: CommandContext): Promise<Decision> {
  const method = input.method ?? (row.channel === 'online' ? 'online' : 'counter');
  if (method === 'online') await requireElectronicResult(db, row.id);
  return { actorUnit: row.receiving_unit_id, action: { type: 'result_returned', at, method } };
}
