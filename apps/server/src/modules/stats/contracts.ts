/** The contracts of the statistics routes: queries and the shapes they answer. */
import { Type } from 'typebox';
import { AGENCY_CODE_PATTERN } from '@tayninh/domain/org/codes';
import { Nullable, StringEnum } from '../../http/schemas';
import { OFFICIAL_CLASSES, ONLINE_CLASSES, UNIT_CLASSES } from './indicators';

export const RowSchema = Type.Object({
  received: Type.Integer(),
  receivedOnline: Type.Integer(),
  receivedCounterOrPost: Type.Integer(),
  carriedOver: Type.Integer(),
  resolved: Type.Integer(),
  resolvedEarly: Type.Integer(),
  resolvedOnTime: Type.Integer(),
  resolvedLate: Type.Integer(),
  inProgress: Type.Integer(),
  inProgressWithinTime: Type.Integer(),
  inProgressOverdue: Type.Integer(),
  withdrawnOrStopped: Type.Integer(),
});

export const UnitSchema = Type.Object({ id: Type.Integer(), name: Type.String(), agencyCode: Type.String() });

export const UnitPeriodQuery = Type.Object(
  {
    unit: Type.String({
      pattern: AGENCY_CODE_PATTERN,
      description: 'Mã định danh đơn vị',
    }),
    from: Type.String({ format: 'date', description: 'Ngày đầu kỳ (YYYY-MM-DD)' }),
    to: Type.String({ format: 'date', description: 'Ngày cuối kỳ (YYYY-MM-DD)' }),
  },
  { additionalProperties: false },
);

export const PublicFiguresSchema = {
  received: Type.Integer({ description: 'Hồ sơ tiếp nhận trong kỳ (cột 4 + 5 của Biểu 06)' }),
  receivedOnline: Type.Integer({ description: 'Trong đó tiếp nhận trực tuyến (cột 4)' }),
  resolved: Type.Integer({ description: 'Hồ sơ đã giải quyết trong kỳ (cột 7)' }),
  resolvedOnTime: Type.Integer({ description: 'Giải quyết trước hạn và đúng hạn (cột 8 + 9)' }),
  resolvedLate: Type.Integer({ description: 'Giải quyết quá hạn (cột 10)' }),
  onTimeRate: Nullable(
    Type.Number({ description: 'Tỷ lệ giải quyết đúng hạn (0–1); null khi chưa giải quyết hồ sơ nào' }),
  ),
  onlineShare: Nullable(Type.Number({ description: 'Tỷ lệ hồ sơ tiếp nhận trực tuyến (0–1)' })),
};
export const PublicRowSchema = {
  ...PublicFiguresSchema,
  inProgress: Type.Integer({ description: 'Đang giải quyết cuối kỳ (cột 11)' }),
  inProgressOverdue: Type.Integer({ description: 'Trong đó quá hạn (cột 13)' }),
  withdrawnOrStopped: Type.Integer({ description: 'Rút hoặc dừng xử lý trong kỳ (cột 14)' }),
};

export const PublicStatsQuery = Type.Object(
  {
    from: Type.Optional(
      Type.String({ format: 'date', description: 'Ngày đầu kỳ (YYYY-MM-DD); mặc định 01/01 năm nay' }),
    ),
    to: Type.Optional(
      Type.String({
        format: 'date',
        description:
          'Ngày cuối kỳ (YYYY-MM-DD); mặc định hôm nay; một ngày sau hôm nay được tính đến hôm nay',
      }),
    ),
  },
  { additionalProperties: false },
);

export const DossierIndicatorsSchema = Type.Object({
  received: Type.Integer({ description: 'Hồ sơ tiếp nhận trong kỳ (cột 4 + 5 của Biểu 06)' }),
  receivedOnline: Type.Integer(),
  onlineShare: Nullable(Type.Number({ description: 'Tỷ lệ hồ sơ trực tuyến (0–1)' })),
  resolved: Type.Integer(),
  resolvedOnTime: Type.Integer({ description: 'Giải quyết trước hạn và đúng hạn' }),
  onTimeRate: Nullable(Type.Number({ description: 'Tỷ lệ giải quyết đúng hạn (0–1)' })),
});

export function evaluationSchema<T extends readonly string[]>(classes: T) {
  return Type.Object({
    ratings: Type.Integer({ description: 'Số lượt đánh giá' }),
    indicators: Type.Object({
      time: Nullable(Type.Number({ description: 'Chỉ số 1: thời gian giải quyết' })),
      contacts: Nullable(Type.Number({ description: 'Chỉ số 3: số lần liên hệ' })),
      bodies: Nullable(Type.Number({ description: 'Chỉ số 4: số cơ quan phải liên hệ' })),
      attitude: Nullable(Type.Number({ description: 'Chỉ số 7: thái độ của cán bộ' })),
    }),
    score: Nullable(Type.Number()),
    maxScore: Type.Number(),
    scaledScore: Nullable(Type.Number()),
    fullScale: Type.Number(),
    classification: Nullable(StringEnum(classes)),
    classificationName: Nullable(Type.String()),
    satisfaction: Type.Object({
      verySatisfied: Type.Integer(),
      satisfied: Type.Integer(),
      dissatisfied: Type.Integer(),
    }),
    satisfiedShare: Nullable(Type.Number()),
  });
}

/** GET /api/public/stats */
export const PublicStatsSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  province: Nullable(Type.Object({ name: Type.String(), agencyCode: Type.String() })),
  total: Type.Object(PublicRowSchema),
  agencies: Type.Array(
    Type.Object({
      unitId: Type.Integer(),
      name: Type.String(),
      agencyCode: Nullable(Type.String()),
      level: StringEnum(['province', 'local'] as const, {
        description:
          'province: sở, ban, ngành và cơ quan cấp tỉnh; local: xã, phường (và huyện trước 01/7/2025)',
      }),
      ...PublicRowSchema,
    }),
    { description: 'Các đơn vị trực thuộc UBND tỉnh có hồ sơ trong kỳ' },
  ),
  months: Type.Array(
    Type.Object({
      month: Type.String({ description: 'YYYY-MM' }),
      ...PublicFiguresSchema,
    }),
    { description: 'Mỗi tháng của kỳ (tháng đầu và cuối tính trong kỳ)' },
  ),
});

/** GET /api/stats/report */
export const ReportSchema = Type.Object({
  unit: UnitSchema,
  from: Type.String(),
  to: Type.String(),
  rows: Type.Array(
    Type.Intersect([Type.Object({ unitId: Type.Integer(), unitName: Type.String() }), RowSchema]),
    { description: 'Một dòng cho mỗi cơ quan giải quyết hồ sơ trong cây đơn vị' },
  ),
  childUnits: Type.Array(
    Type.Intersect([
      Type.Object({
        unitId: Type.Integer(),
        unitName: Type.String(),
        agencyCode: Nullable(Type.String()),
        self: Type.Boolean({ description: 'Dòng của chính đơn vị báo cáo' }),
        predecessor: Type.Boolean({
          description:
            'Đơn vị tiền thân đã sáp nhập toàn bộ vào đơn vị báo cáo, trước ngày sáp nhập (hồ sơ vẫn thuộc đơn vị đó)',
        }),
      }),
      RowSchema,
    ]),
    { description: 'Các dòng của biểu: mỗi đơn vị trực thuộc (cộng cả cây), và chính đơn vị' },
  ),
  total: RowSchema,
});

/** GET /api/stats/trend */
export const TrendSchema = Type.Object({
  unit: UnitSchema,
  from: Type.String(),
  to: Type.String(),
  months: Type.Array(Type.Object({ month: Type.String({ description: 'YYYY-MM' }), ...PublicFiguresSchema })),
});

/** GET /api/stats/indicators */
export const IndicatorsSchema = Type.Object({
  unit: UnitSchema,
  from: Type.String(),
  to: Type.String(),
  procedures: Type.Object({
    asOf: Type.String({ description: 'Danh mục thủ tục có hiệu lực vào ngày này (ngày cuối kỳ)' }),
    total: Type.Integer(),
    byClass: Type.Array(
      Type.Object({
        code: StringEnum(ONLINE_CLASSES),
        name: Type.String(),
        count: Type.Integer(),
        share: Nullable(Type.Number()),
      }),
    ),
    byLevel: Type.Array(
      Type.Object({
        level: Nullable(Type.Integer()),
        name: Type.String(),
        count: Type.Integer(),
        share: Nullable(Type.Number()),
      }),
    ),
  }),
  documents: Type.Object(
    {
      issued: Type.Integer({ description: 'Văn bản đi đã ban hành trong kỳ' }),
      issuedElectronic: Type.Integer(),
      signedByPerson: Type.Integer({ description: 'Văn bản đi có chữ ký số của người có thẩm quyền' }),
      signedByAgency: Type.Integer({ description: 'Văn bản đi có chữ ký số của cơ quan' }),
      registered: Type.Integer({ description: 'Văn bản đến đã đăng ký trong kỳ' }),
      registeredElectronic: Type.Integer(),
      completed: Type.Integer(),
      completedOnTime: Type.Integer(),
      openOverdue: Type.Integer({ description: 'Văn bản đến chưa giải quyết, đã quá hạn' }),
      electronicShare: Nullable(
        Type.Number({ description: 'Tỷ lệ văn bản đi, đến dưới dạng điện tử (0–1)' }),
      ),
      signedByPersonShare: Nullable(Type.Number()),
      signedByAgencyShare: Nullable(Type.Number()),
      onTimeShare: Nullable(Type.Number({ description: 'Tỷ lệ văn bản đến giải quyết đúng hạn (0–1)' })),
      targets: Type.Object({ electronicShare: Type.Number(), signedShare: Type.Number() }),
    },
    { description: 'Văn bản của các cơ quan trong phạm vi (Kế hoạch: > 95% điện tử, > 70% ký số)' },
  ),
  dossiers: Type.Object({
    total: DossierIndicatorsSchema,
    byAgency: Type.Array(
      Type.Intersect([
        Type.Object({ unitId: Type.Integer(), unitName: Type.String() }),
        DossierIndicatorsSchema,
      ]),
    ),
  }),
  satisfaction: Type.Object({
    total: evaluationSchema(UNIT_CLASSES),
    byAgency: Type.Array(
      Type.Intersect([
        Type.Object({ unitId: Type.Integer(), unitName: Type.String() }),
        evaluationSchema(UNIT_CLASSES),
      ]),
    ),
    byOfficial: Type.Array(
      Type.Intersect([
        Type.Object({
          userId: Type.Integer(),
          fullName: Type.String(),
          role: StringEnum(['handling', 'receiving'] as const, {
            description: 'handling: chuyên viên thụ lý; receiving: cán bộ tiếp nhận',
          }),
        }),
        evaluationSchema(OFFICIAL_CLASSES),
      ]),
    ),
  }),
});
