/**
 * The one place where errors become HTTP answers: RFC 9457 problem documents
 * (`application/problem+json`) with a stable `code`, a Vietnamese `detail` (English when the
 * client prefers it via Accept-Language) and the other language in `detail_en` / `detail_vi`.
 */
import type { ErrorObject } from 'ajv';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatVietnamDate } from '../lib/time';
import { DomainError, type FieldError, type RelatedResource } from './errors';
import { NOT_FUTURE, REQUEST_YEARS } from './validation';

const TITLES: Record<number, [string, string]> = {
  400: ['Yêu cầu không hợp lệ', 'Bad request'],
  401: ['Chưa đăng nhập', 'Unauthorized'],
  403: ['Không có quyền', 'Forbidden'],
  404: ['Không tìm thấy', 'Not found'],
  405: ['Phương thức không được hỗ trợ', 'Method not allowed'],
  406: ['Định dạng không được hỗ trợ', 'Not acceptable'],
  409: ['Xung đột trạng thái', 'Conflict'],
  413: ['Dữ liệu quá lớn', 'Payload too large'],
  415: ['Kiểu dữ liệu không được hỗ trợ', 'Unsupported media type'],
  422: ['Dữ liệu không hợp lệ', 'Unprocessable content'],
  429: ['Quá nhiều yêu cầu', 'Too many requests'],
  500: ['Lỗi hệ thống', 'Internal server error'],
  503: ['Dịch vụ tạm thời không sẵn sàng', 'Service unavailable'],
};

export function prefersEnglish(request: FastifyRequest): boolean {
  const header = request.headers['accept-language'];
  if (!header) return false;
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en');
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  detail_vi: string;
  detail_en: string;
  code: string;
  instance: string;
  errors?: FieldError[];
  related?: RelatedResource[];
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: DomainError): FastifyReply {
  const english = prefersEnglish(request);
  const [titleVi, titleEn] = error.title ?? TITLES[error.status] ?? TITLES[400]!;
  const body: ProblemDocument = {
    type: `/api/problems/${error.code}`,
    title: english ? titleEn : titleVi,
    status: error.status,
    detail: english ? error.messageEn : error.message,
    detail_vi: error.message,
    detail_en: error.messageEn,
    code: error.code,
    instance: request.url.split('?')[0] ?? request.url,
    ...(error.errors ? { errors: error.errors } : {}),
    ...(error.related ? { related: error.related } : {}),
  };
  if (error.headers) void reply.headers(error.headers);
  return reply.status(error.status).type('application/problem+json; charset=utf-8').send(body);
}

function fieldPath(error: ErrorObject, part: string): string {
  const base = error.instancePath || '';
  if (error.keyword === 'required') return `${base}/${String(error.params.missingProperty)}`;
  if (error.keyword === 'additionalProperties') return `${base}/${String(error.params.additionalProperty)}`;
  return base || `/${part}`;
}

const TYPE_NAMES: Record<string, [string, string]> = {
  string: ['chuỗi ký tự', 'a string'],
  integer: ['số nguyên', 'an integer'],
  number: ['số', 'a number'],
  boolean: ['giá trị đúng/sai', 'a boolean'],
  object: ['đối tượng', 'an object'],
  array: ['danh sách', 'a list'],
  null: ['giá trị rỗng', 'null'],
};

/** Turns one Ajv error into a field error with a message an official understands. */
export function translateAjvError(error: ErrorObject, part = 'body'): FieldError {
  const field = fieldPath(error, part);
  const params = error.params as Record<string, unknown>;
  const make = (message: string, messageEn: string): FieldError => ({
    field,
    code: error.keyword,
    message,
    message_en: messageEn,
  });
  switch (error.keyword) {
    case 'required':
      return make('Trường này là bắt buộc.', 'This field is required.');
    case 'additionalProperties':
      return make('Trường này không được phép gửi lên.', 'This field is not allowed.');
    case 'type': {
      const expected = String(params.type).split(',')[0] ?? 'string';
      const [vi, en] = TYPE_NAMES[expected] ?? [expected, expected];
      return make(`Giá trị phải là ${vi}.`, `Must be ${en}.`);
    }
    case 'minLength':
      return Number(params.limit) === 1
        ? make('Không được để trống.', 'Must not be empty.')
        : make(
            `Phải có ít nhất ${String(params.limit)} ký tự.`,
            `Must have at least ${String(params.limit)} characters.`,
          );
    case 'maxLength':
      return make(
        `Không được dài quá ${String(params.limit)} ký tự.`,
        `Must have at most ${String(params.limit)} characters.`,
      );
    case 'minimum':
    case 'exclusiveMinimum':
      return make(
        `Giá trị phải ${error.keyword === 'minimum' ? '≥' : '>'} ${String(params.limit)}.`,
        `Must be ${String(params.comparison)} ${String(params.limit)}.`,
      );
    case 'maximum':
    case 'exclusiveMaximum':
      return make(
        `Giá trị phải ${error.keyword === 'maximum' ? '≤' : '<'} ${String(params.limit)}.`,
        `Must be ${String(params.comparison)} ${String(params.limit)}.`,
      );
    case 'minItems':
      return make(
        `Cần ít nhất ${String(params.limit)} mục.`,
        `Needs at least ${String(params.limit)} items.`,
      );
    case 'maxItems':
      return make(
        `Không được quá ${String(params.limit)} mục.`,
        `Must have at most ${String(params.limit)} items.`,
      );
    case 'enum':
      return make(
        `Giá trị không nằm trong danh sách cho phép: ${(params.allowedValues as unknown[]).join(', ')}.`,
        `Must be one of: ${(params.allowedValues as unknown[]).join(', ')}.`,
      );
    case 'const':
      return make(
        `Giá trị phải là ${JSON.stringify(params.allowedValue)}.`,
        `Must be ${JSON.stringify(params.allowedValue)}.`,
      );
    case 'format': {
      const format = String(params.format);
      const names: Record<string, [string, string]> = {
        date: [
          `ngày có thật dạng YYYY-MM-DD, từ năm ${REQUEST_YEARS.min} đến ${REQUEST_YEARS.max}`,
          `a real date YYYY-MM-DD in ${REQUEST_YEARS.min}–${REQUEST_YEARS.max}`,
        ],
        'date-time': [
          `thời điểm theo ISO 8601 (ví dụ 2026-03-10T10:00:00+07:00), từ năm ${REQUEST_YEARS.min} đến ${REQUEST_YEARS.max}`,
          `an ISO 8601 date-time in ${REQUEST_YEARS.min}–${REQUEST_YEARS.max}`,
        ],
        email: ['địa chỉ thư điện tử', 'an e-mail address'],
        uri: ['địa chỉ URL', 'a URI'],
      };
      const [vi, en] = names[format] ?? [format, format];
      return make(`Giá trị phải là ${vi}.`, `Must be ${en}.`);
    }
    case 'pattern':
      return make('Giá trị không đúng định dạng.', 'The value has the wrong format.');
    case 'uniqueItems':
      return make('Danh sách có mục trùng nhau.', 'The list has duplicate items.');
    case NOT_FUTURE: {
      const today = typeof params.today === 'string' ? params.today : null;
      if (params.year === true && today)
        return make(
          `Năm không được sau năm hiện tại (${today.slice(0, 4)}).`,
          `The year cannot be later than the current year (${today.slice(0, 4)}).`,
        );
      return today
        ? make(
            `Ngày không được sau ngày hôm nay (${formatVietnamDate(today)}).`,
            `The date cannot be later than today (${today}).`,
          )
        : make('Ngày không được sau ngày hôm nay.', 'The date cannot be later than today.');
    }
    default:
      return make(`Giá trị không hợp lệ (${error.keyword}).`, error.message ?? 'Invalid value.');
  }
}

const FASTIFY_CODES: Record<string, { status: number; code: string; vi: string; en: string }> = {
  FST_REQ_FILE_TOO_LARGE: {
    status: 413,
    code: 'file_too_large',
    vi: 'Tệp đính kèm vượt quá dung lượng cho phép (10 MB mỗi tệp).',
    en: 'The file is too large (10 MB per file).',
  },
  FST_FILES_LIMIT: {
    status: 413,
    code: 'too_many_files',
    vi: 'Mỗi lần chỉ gửi một tệp đính kèm.',
    en: 'Send one file per request.',
  },
  FST_PARTS_LIMIT: {
    status: 413,
    code: 'too_many_parts',
    vi: 'Yêu cầu có quá nhiều phần dữ liệu.',
    en: 'Too many multipart parts.',
  },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    status: 415,
    code: 'multipart_expected',
    vi: 'Hãy gửi tệp dưới dạng multipart/form-data.',
    en: 'Send the file as multipart/form-data.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'malformed_json',
    vi: 'Nội dung gửi lên không phải JSON hợp lệ.',
    en: 'The request body is not valid JSON.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'empty_body',
    vi: 'Nội dung gửi lên bị trống.',
    en: 'The request body is empty.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'payload_too_large',
    vi: 'Dữ liệu gửi lên vượt quá dung lượng cho phép.',
    en: 'The request body is too large.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    vi: 'Kiểu nội dung (Content-Type) không được hỗ trợ.',
    en: 'Unsupported Content-Type.',
  },
  // Raised by the router before any hook or error handler (see frameworkErrorHandler).
  FST_ERR_BAD_URL: {
    status: 400,
    code: 'bad_url',
    vi: 'Địa chỉ yêu cầu không hợp lệ (mã hóa ký tự sai).',
    en: 'The request URL is not valid (bad percent-encoding).',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'invalid_content_length',
    vi: 'Độ dài nội dung không khớp với Content-Length.',
    en: 'Content-Length does not match the body.',
  },
};

/**
 * Fastify's `frameworkErrors` option: errors the router raises before the error handler exists
 * for the request (a URL that is not valid percent-encoded UTF-8) would otherwise be answered
 * with Fastify's own JSON instead of a problem document.
 */
export function frameworkErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const known = FASTIFY_CODES[error.code] ?? FASTIFY_CODES.FST_ERR_BAD_URL!;
  void sendProblem(
    request,
    reply,
    new DomainError({ code: known.code, status: known.status, message: known.vi, messageEn: known.en }),
  );
}

export function registerProblemHandlers(
  app: FastifyInstance,
  options: { notFound?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply | null } = {},
): void {
  app.setErrorHandler((error: FastifyError | DomainError | Error, request, reply) => {
    if (error instanceof DomainError) return sendProblem(request, reply, error);
    const fastifyError = error as FastifyError & { validationContext?: string };
    if (fastifyError.validation) {
      const part = fastifyError.validationContext ?? 'body';
      const errors = fastifyError.validation.map((item) => translateAjvError(item as ErrorObject, part));
      return sendProblem(
        request,
        reply,
        new DomainError({
          code: 'validation_failed',
          status: 400,
          message: 'Dữ liệu gửi lên không hợp lệ. Vui lòng kiểm tra các trường được nêu.',
          messageEn: 'The request is not valid. Check the listed fields.',
          errors,
        }),
      );
    }
    const known = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
    if (known) {
      return sendProblem(
        request,
        reply,
        new DomainError({ code: known.code, status: known.status, message: known.vi, messageEn: known.en }),
      );
    }
    const status = fastifyError.statusCode ?? 500;
    if (status === 429) {
      return sendProblem(
        request,
        reply,
        new DomainError({
          code: 'rate_limited',
          status: 429,
          message: 'Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.',
          messageEn: 'Too many requests. Please try again in a few minutes.',
        }),
      );
    }
    if (status >= 400 && status < 500) {
      // The code and status only: a client error's message may quote what the client sent.
      request.log.info(
        { error: { type: error.constructor.name, code: fastifyError.code, statusCode: status } },
        'client error',
      );
      return sendProblem(
        request,
        reply,
        new DomainError({
          code: 'bad_request',
          status,
          message: 'Yêu cầu không hợp lệ.',
          messageEn: error.message || 'Bad request.',
        }),
      );
    }
    // Serialised by maskError (app.ts): message and stack with personal data masked.
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(
      request,
      reply,
      new DomainError({
        code: 'internal_error',
        status: 500,
        message:
          'Đã có lỗi hệ thống. Yêu cầu chưa được thực hiện; vui lòng thử lại hoặc liên hệ quản trị viên.',
        messageEn:
          'An internal error occurred. Nothing was changed; please try again or contact the administrator.',
      }),
    );
  });

  app.setNotFoundHandler(
    (request, reply) =>
      options.notFound?.(request, reply) ??
      sendProblem(
        request,
        reply,
        new DomainError({
          code: 'route_not_found',
          status: 404,
          message: `Không có địa chỉ ${request.method} ${request.url.split('?')[0] ?? ''} trong hệ thống.`,
          messageEn: `No route ${request.method} ${request.url.split('?')[0] ?? ''}.`,
        }),
      ),
  );
}
