/**
 * GET /allowed-actions: what this user may do now, with the fields each command needs, and for
 * accepting, the appointment the dossier would get if accepted now — computed by the same
 * function as the accept action itself (appointment.ts), so that the officer confirms what the
 * receipt will say.
 */
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { Database } from '../../db/schema';
import { notFound } from '../../http/errors';
import { Nullable, StringEnum } from '../../http/schemas';
import { formatVietnamIso } from '../../lib/time';
import type { Principal } from '../auth';
import type { CalendarService } from '../calendar';
import { DURATION_UNITS } from '../calendar';
import { DOSSIER_STATUSES, STATUS_NAMES } from '@tayninh/domain/dossiers/lifecycle';
import { allowedCommands, commandEvent, COMMANDS, DOSSIER_COMMANDS } from '@tayninh/domain/dossiers/commands';
import { appointmentPreview } from './appointment';
import { canView, mayAct } from './policy';
import { loadDossier, scopeOf } from './repo';

/** Response schema of GET /api/dossiers/:code/allowed-actions. */
export const AllowedActionsSchema = Type.Object({
  code: Type.String(),
  status: StringEnum(DOSSIER_STATUSES),
  statusName: Type.String(),
  actions: Type.Array(
    Type.Object({
      type: StringEnum(DOSSIER_COMMANDS),
      label: Type.String(),
      labelEn: Type.String(),
      required: Type.Array(Type.String()),
      optional: Type.Array(Type.String()),
      appointment: Type.Optional(
        Type.Object(
          {
            computedAt: Type.String({ description: 'Thời điểm tính (lúc gọi)' }),
            dueAt: Nullable(
              Type.String({
                description:
                  'Hẹn trả kết quả nếu tiếp nhận lúc computedAt (cùng cách tính với thao tác accept); null khi thủ tục chưa công bố thời hạn, cán bộ phải nhập dueAt',
              }),
            ),
            duration: Nullable(Type.Object({ amount: Type.Number(), unit: StringEnum(DURATION_UNITS) })),
          },
          { description: 'Chỉ có ở thao tác accept' },
        ),
      ),
    }),
  ),
});

export async function allowedActionsFor(
  db: Kysely<Database>,
  calendar: CalendarService,
  principal: Principal,
  code: string,
) {
  const { row, state } = await loadDossier(db, code);
  const scope = await scopeOf(db, row, state);
  if (!canView(principal, scope)) throw notFound(`hồ sơ ${code}`, `Dossier ${code}`);
  const commands = allowedCommands(state).filter((command) =>
    mayAct(principal, scope, commandEvent(command, state)),
  );
  const now = new Date();
  const preview = commands.includes('accept') ? await appointmentPreview(db, calendar, row, now) : null;
  return {
    code,
    status: state.status,
    statusName: STATUS_NAMES[state.status],
    actions: commands.map((command) => ({
      type: command,
      ...COMMANDS[command],
      ...(command === 'accept' && preview
        ? {
            appointment: {
              computedAt: formatVietnamIso(now),
              dueAt: preview.dueAt ? formatVietnamIso(preview.dueAt) : null,
              duration: preview.duration,
            },
          }
        : {}),
    })),
  };
}
