/** Assignment (phân công): the handling agency's leader gives the dossier to one of its specialists. */
import { fieldError, invalid } from '../../../http/errors';
import { required, type CommandContext, type Decision } from './command';

export async function assign({ db, row, at, input }: CommandContext): Promise<Decision> {
  const assigneeId = required(input.assigneeId, 'assigneeId', 'Hãy chọn chuyên viên được giao xử lý.');
  const grant = await db
    .selectFrom('role_grants_view')
    .select('id')
    .where('user_id', '=', assigneeId)
    .where('role', '=', 'specialist')
    .where('unit_id', '=', row.handling_unit_id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!grant)
    throw invalid([
      fieldError(
        '/assigneeId',
        'not_specialist',
        'Người được giao phải là chuyên viên của cơ quan giải quyết hồ sơ.',
        'The assignee must be a specialist of the handling agency.',
      ),
    ]);
  return { action: { type: 'assigned', at, assigneeId } };
}
