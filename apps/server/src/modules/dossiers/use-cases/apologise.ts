/**
 * The apology with a new appointment (NĐ 61/2018 Điều 19.9): sent no later than one working day
 * before the appointment, the new date on a working day (rules/deadlines.ts).
 */
import { conflict } from '../../../http/errors';
import { mayApologiseAt, requireWorkingDay } from '../rules/deadlines';
import { needReason, required, type CommandContext, type Decision } from './command';

export async function apologise(context: CommandContext): Promise<Decision> {
  const { calendar, state, now, at, input } = context;
  const newDueAt = new Date(required(input.newDueAt, 'newDueAt', 'Hãy nhập ngày hẹn trả kết quả mới.'));
  const clock = await calendar.load();
  requireWorkingDay(clock.calendar, newDueAt.toISOString(), 'newDueAt');
  if (!mayApologiseAt(now, state.dueAt ? new Date(state.dueAt) : null, clock)) {
    throw conflict(
      'apology_too_late',
      'Phiếu xin lỗi và hẹn lại phải gửi chậm nhất 01 ngày làm việc trước ngày hẹn trả kết quả.',
      'The apology must be sent at least one working day before the due date.',
    );
  }
  return {
    action: { type: 'apologised', at, reason: needReason(context), newDueAt: newDueAt.toISOString() },
  };
}
