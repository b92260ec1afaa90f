/** The contracts of the officers' work on dossiers: the queues, the assignees, the actions. */
import { Type } from 'typebox';
import { DOSSIER_COMMANDS } from '@tayninh/domain/dossiers/commands';
import { DOSSIER_STATUSES } from '@tayninh/domain/dossiers/lifecycle';
import { DateString, Nullable, PageQuery, StringEnum } from '../../../http/schemas';
import { PROCEDURE_CODE_PATTERN } from '../../procedures';
import { CHANNELS, QUEUE_SORTS, QUEUES, QueueItemSchema } from '../queues';
import { SATISFACTION } from '../rating';

export const QueueQuery = Type.Object(
  {
    queue: StringEnum(QUEUES, { default: 'all' }),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Đầu mã hồ sơ hoặc tên người nộp' })),
    procedureCode: Type.Optional(Type.String({ pattern: PROCEDURE_CODE_PATTERN })),
    channel: Type.Optional(StringEnum(CHANNELS)),
    status: Type.Optional(StringEnum(DOSSIER_STATUSES)),
    receivedFrom: Type.Optional(DateString),
    receivedTo: Type.Optional(DateString),
    sort: Type.Optional(StringEnum(QUEUE_SORTS, { default: 'dueAt' })),
    order: Type.Optional(StringEnum(['asc', 'desc'] as const, { default: 'asc' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const QueuePageSchema = Type.Object({
  items: Type.Array(QueueItemSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  workingMinutesPerDay: Type.Integer({ description: 'Số phút làm việc của một ngày làm việc' }),
});

export const QueueCountsSchema = Type.Object(
  Object.fromEntries(QUEUES.map((queue) => [queue, Type.Integer()])) as {
    [K in (typeof QUEUES)[number]]: ReturnType<typeof Type.Integer>;
  },
);

export const AssigneesSchema = Type.Object({
  unitId: Type.Integer(),
  assigneeId: Nullable(Type.Integer()),
  items: Type.Array(Type.Object({ id: Type.Integer(), fullName: Type.String(), username: Type.String() })),
});

const ScoreSchema = Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal(2)]);

export const ActionBody = Type.Object(
  {
    type: StringEnum(DOSSIER_COMMANDS),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    shareNote: Type.Optional(
      Type.Boolean({
        description:
          'Cho người nộp hồ sơ xem ghi chú (reason) của thao tác này; mặc định ghi chú của cán bộ là nội bộ. Lý do từ chối, yêu cầu bổ sung, xin lỗi, dừng xử lý luôn gửi người nộp.',
      }),
    ),
    items: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { minItems: 1, maxItems: 50 }),
    ),
    dueAt: Type.Optional(Type.String({ format: 'date-time' })),
    assigneeId: Type.Optional(Type.Integer({ minimum: 1 })),
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
    task: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    taskId: Type.Optional(Type.String({ format: 'uuid' })),
    amountVnd: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000_000 })),
    newDueAt: Type.Optional(Type.String({ format: 'date-time' })),
    method: Type.Optional(StringEnum(['counter', 'post', 'online'] as const)),
    rating: Type.Optional(
      Type.Object(
        {
          contacts: ScoreSchema,
          bodies: ScoreSchema,
          attitude: ScoreSchema,
          satisfaction: StringEnum(SATISFACTION),
          comment: Type.Optional(Type.String({ maxLength: 2000 })),
        },
        {
          additionalProperties: false,
          description: 'Phiếu đánh giá (TT 01/2018), cho thao tác rate',
        },
      ),
    ),
  },
  { additionalProperties: false },
);
