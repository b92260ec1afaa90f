/**
 * Inter-agency work (liên thông, NĐ 61/2018 Điều 19.5–19.6): the handling agency forwards a task
 * to another open unit with a due date on a working day; that unit completes it.
 */
import { randomUUID } from 'node:crypto';
import { forbidden, fieldError, invalid } from '../../../http/errors';
import { requireWorkingDay } from '../rules/deadlines';
import { openUnit } from './routing';
import { required, type CommandContext, type Decision } from './command';

export async function forward({ db, calendar, row, now, at, input }: CommandContext): Promise<Decision> {
  const unitId = required(input.unitId, 'unitId', 'Hãy chọn cơ quan phối hợp.');
  const unit = await openUnit(db, unitId);
  if (!unit || unit.id === row.handling_unit_id) {
    throw invalid([
      fieldError(
        '/unitId',
        'invalid_unit',
        'Cơ quan phối hợp phải là một cơ quan khác đang hoạt động.',
        'Forward to another open unit.',
      ),
    ]);
  }
  const dueAt = required(input.dueAt, 'dueAt', 'Hãy nhập thời hạn cho cơ quan phối hợp.');
  if (new Date(dueAt) <= now)
    throw invalid([
      fieldError('/dueAt', 'past', 'Thời hạn phối hợp phải ở tương lai.', 'dueAt must be in the future.'),
    ]);
  requireWorkingDay((await calendar.load()).calendar, dueAt, 'dueAt');
  const task = required(input.task?.trim(), 'task', 'Hãy nêu nội dung cần cơ quan phối hợp thực hiện.');
  return {
    action: {
      type: 'forwarded',
      at,
      taskId: randomUUID(),
      unitId,
      dueAt: new Date(dueAt).toISOString(),
      task,
    },
  };
}

export function completeTask({ state, actor, at, input, reason }: CommandContext): Decision {
  const mine = state.openTasks.filter((_task, index) => actor.actsForTaskUnit(index));
  const task = input.taskId ? mine.find((t) => t.taskId === input.taskId) : mine[0];
  if (!task)
    throw forbidden(
      'Đơn vị của bạn không có nhiệm vụ liên thông đang mở trên hồ sơ này.',
      'Your unit holds no open task here.',
    );
  return {
    actorUnit: task.unitId,
    action: { type: 'task_completed', at, taskId: task.taskId, ...(reason ? { note: reason } : {}) },
  };
}
