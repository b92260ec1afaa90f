/**
 * Application forms (tờ khai) as JSON Schema 2020-12. Each top-level property is one page of the
 * guided online form; `title` and `description` are what the citizen reads. A procedure may carry
 * its own schema; otherwise one is generated from its field of administration.
 */
import { foldVietnamese } from '../../lib/vietnamese';

type Schema = Record<string, unknown>;

const text = (title: string, extra: Schema = {}): Schema => ({
  type: 'string',
  title,
  minLength: 1,
  maxLength: 500,
  ...extra,
});
const date = (title: string): Schema => ({ type: 'string', title, format: 'date' });
/** A date that cannot be later than today (checked by the form validator, http/validation.ts). */
const pastDate = (title: string): Schema => ({ ...date(title), 'x-notFuture': true });

export function applicantSection(): Schema {
  return {
    type: 'object',
    title: 'Thông tin người nộp hồ sơ',
    additionalProperties: false,
    required: ['fullName', 'birthDate', 'identityNumber', 'address', 'phone'],
    properties: {
      fullName: text('Họ, chữ đệm và tên', { maxLength: 100 }),
      birthDate: pastDate('Ngày, tháng, năm sinh'),
      identityNumber: {
        type: 'string',
        title: 'Số định danh cá nhân (CCCD)',
        pattern: '^[0-9]{12}$',
        description: '12 chữ số',
      },
      address: text('Nơi cư trú'),
      phone: { type: 'string', title: 'Số điện thoại', pattern: '^(\\+84|0)[0-9]{9,10}$' },
      email: { type: 'string', title: 'Thư điện tử', format: 'email', maxLength: 254 },
    },
  };
}

const FAMILY_SECTIONS: Array<{ match: RegExp; section: Schema }> = [
  {
    match: /ho tich|khai sinh|ket hon|khai tu|giam ho|nhan cha/,
    section: {
      type: 'object',
      title: 'Thông tin người được đăng ký',
      additionalProperties: false,
      required: ['subjectName', 'subjectBirthDate', 'relationship'],
      properties: {
        subjectName: text('Họ, chữ đệm và tên người được đăng ký', { maxLength: 100 }),
        subjectBirthDate: pastDate('Ngày, tháng, năm sinh'),
        subjectGender: { type: 'string', title: 'Giới tính', enum: ['Nam', 'Nữ'] },
        subjectBirthPlace: text('Nơi sinh'),
        relationship: text('Quan hệ với người nộp hồ sơ', { maxLength: 50 }),
      },
    },
  },
  {
    match: /dat dai|dia chinh/,
    section: {
      type: 'object',
      title: 'Thông tin thửa đất',
      additionalProperties: false,
      required: ['parcelNumber', 'mapSheet', 'parcelAddress'],
      properties: {
        parcelNumber: text('Thửa đất số', { maxLength: 20 }),
        mapSheet: text('Tờ bản đồ số', { maxLength: 20 }),
        area: { type: 'number', title: 'Diện tích (m²)', exclusiveMinimum: 0 },
        parcelAddress: text('Địa chỉ thửa đất'),
        request: text('Nội dung đề nghị', { maxLength: 2000 }),
      },
    },
  },
  {
    match: /doanh nghiep|kinh doanh/,
    section: {
      type: 'object',
      title: 'Thông tin hộ kinh doanh / doanh nghiệp',
      additionalProperties: false,
      required: ['businessName', 'businessLine', 'businessAddress'],
      properties: {
        businessName: text('Tên hộ kinh doanh / doanh nghiệp', { maxLength: 200 }),
        businessLine: text('Ngành, nghề kinh doanh', { maxLength: 1000 }),
        capitalVnd: { type: 'integer', title: 'Vốn kinh doanh (đồng)', minimum: 0 },
        businessAddress: text('Địa điểm kinh doanh'),
      },
    },
  },
  {
    match: /xay dung|duong bo/,
    section: {
      type: 'object',
      title: 'Thông tin công trình',
      additionalProperties: false,
      required: ['worksName', 'worksAddress'],
      properties: {
        worksName: text('Tên công trình', { maxLength: 200 }),
        worksAddress: text('Địa điểm xây dựng'),
        floorArea: { type: 'number', title: 'Tổng diện tích sàn (m²)', exclusiveMinimum: 0 },
        floors: { type: 'integer', title: 'Số tầng', minimum: 1, maximum: 100 },
      },
    },
  },
  {
    match: /cu tru|can cuoc/,
    section: {
      type: 'object',
      title: 'Thông tin cư trú',
      additionalProperties: false,
      required: ['residenceAddress', 'request'],
      properties: {
        residenceAddress: text('Địa chỉ nơi cư trú đề nghị đăng ký'),
        householdHead: text('Họ tên chủ hộ', { maxLength: 100 }),
        request: text('Nội dung đề nghị', { maxLength: 2000 }),
      },
    },
  },
];

const GENERIC_SECTION: Schema = {
  type: 'object',
  title: 'Nội dung đề nghị',
  additionalProperties: false,
  required: ['request'],
  properties: {
    request: text('Nội dung đề nghị', { maxLength: 2000 }),
    reason: text('Lý do', { maxLength: 2000 }),
  },
};

/** The default application form of a procedure, chosen from its field and name. */
export function defaultFormSchema(procedureName: string, fieldName: string): Schema {
  const key = foldVietnamese(`${fieldName} ${procedureName}`);
  const section = FAMILY_SECTIONS.find((family) => family.match.test(key))?.section ?? GENERIC_SECTION;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    title: `Tờ khai: ${procedureName}`,
    additionalProperties: false,
    required: ['applicant', 'details'],
    properties: { applicant: applicantSection(), details: section },
  };
}
