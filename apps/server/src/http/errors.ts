/**
 * Typed domain errors. Domain code throws these; one handler (problem.ts) turns them into
 * RFC 9457 problem documents. Every message exists in Vietnamese (shown by default) and English.
 */
export interface FieldError {
  /** JSON pointer-like path of the field, e.g. "/documents/0/name" or "row 3: code". */
  field: string;
  code: string;
  message: string;
  message_en: string;
}

export interface DomainErrorInit {
  code: string;
  status: number;
  message: string;
  messageEn: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
  /**
   * The problem's title [Vietnamese, English] when the status's generic one would mislead (a
   * wrong password is a 401, whose generic title "Chưa đăng nhập" reads as "you forgot to sign in").
   */
  title?: [string, string];
  /** The existing resources the problem is about (a suspected duplicate), as an extension member. */
  related?: RelatedResource[];
}

export interface RelatedResource {
  id: number;
  href: string;
  title: string;
}

export class DomainError extends Error {
  readonly code: string;
  readonly status: number;
  readonly messageEn: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;
  readonly title: [string, string] | undefined;
  readonly related: RelatedResource[] | undefined;

  constructor(init: DomainErrorInit) {
    super(init.message);
    this.name = 'DomainError';
    this.code = init.code;
    this.status = init.status;
    this.messageEn = init.messageEn;
    this.errors = init.errors;
    this.headers = init.headers;
    this.title = init.title;
    this.related = init.related;
  }
}

export function notFound(what: string, whatEn: string): DomainError {
  return new DomainError({
    code: 'not_found',
    status: 404,
    message: `Không tìm thấy ${what}.`,
    messageEn: `${whatEn} not found.`,
  });
}

export function conflict(code: string, message: string, messageEn: string): DomainError {
  return new DomainError({ code, status: 409, message, messageEn });
}

/** A request well formed but refused by a rule (422), with its code and reason in both languages. */
export function unprocessable(code: string, message: string, messageEn: string): DomainError {
  return new DomainError({ code, status: 422, message, messageEn });
}

export function forbidden(
  message = 'Bạn không có quyền thực hiện thao tác này.',
  messageEn = 'You are not allowed to do this.',
): DomainError {
  return new DomainError({ code: 'forbidden', status: 403, message, messageEn });
}

export function unauthenticated(): DomainError {
  return new DomainError({
    code: 'unauthenticated',
    status: 401,
    message: 'Bạn cần đăng nhập để thực hiện thao tác này.',
    messageEn: 'You need to sign in.',
  });
}

export function invalid(errors: FieldError[], message = 'Dữ liệu gửi lên không hợp lệ.'): DomainError {
  return new DomainError({
    code: 'validation_failed',
    status: 422,
    message,
    messageEn: 'The submitted data is not valid.',
    errors,
  });
}

export function fieldError(field: string, code: string, message: string, messageEn: string): FieldError {
  return { field, code, message, message_en: messageEn };
}
