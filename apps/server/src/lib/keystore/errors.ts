/**
 * Errors of the key store and of CMS signing. Each carries a stable `code` the trust module maps
 * to a problem document, a Vietnamese message for the user (`messageVi`) and an English one
 * (`message`) for logs.
 */
export type KeyStoreErrorCode =
  | 'CONFIG_INVALID'
  | 'KEY_NOT_FOUND'
  | 'KEY_EXISTS'
  | 'KEY_IMPORT_INVALID'
  | 'OPERATION_NOT_SUPPORTED'
  | 'TOKEN_NOT_FOUND'
  | 'TOKEN_LOGIN_FAILED'
  | 'TOKEN_ERROR'
  | 'KEK_INVALID'
  | 'KEK_MISMATCH'
  | 'KEY_BLOB_CORRUPT'
  | 'CMS_MALFORMED'
  | 'CMS_CONTENT_MISSING'
  | 'CMS_SIGNATURE_INVALID'
  | 'CMS_SIGNER_UNTRUSTED'
  | 'CMS_SIGNING_CERTIFICATE_MISMATCH';

const VI: Record<KeyStoreErrorCode, string> = {
  CONFIG_INVALID: 'Cấu hình kho khóa ký không hợp lệ.',
  KEY_NOT_FOUND: 'Không tìm thấy khóa ký.',
  KEY_EXISTS: 'Khóa ký với nhãn này đã tồn tại.',
  KEY_IMPORT_INVALID: 'Khóa nhập vào không hợp lệ (cần khóa RSA từ 2048 bit, định dạng PKCS#8).',
  OPERATION_NOT_SUPPORTED: 'Kho khóa này không hỗ trợ thao tác được yêu cầu.',
  TOKEN_NOT_FOUND: 'Không tìm thấy thiết bị lưu khóa (token/HSM) theo cấu hình.',
  TOKEN_LOGIN_FAILED: 'Không đăng nhập được vào thiết bị lưu khóa: mã PIN không đúng hoặc thiết bị bị khóa.',
  TOKEN_ERROR: 'Thiết bị lưu khóa báo lỗi khi thực hiện thao tác.',
  KEK_INVALID: 'Khóa mã hóa khóa (KEK) không hợp lệ: cần đúng 32 byte, mã hóa base64.',
  KEK_MISMATCH: 'Khóa mã hóa khóa (KEK) không đúng với khóa đã được mã hóa.',
  KEY_BLOB_CORRUPT: 'Dữ liệu khóa đã mã hóa bị hỏng hoặc bị sửa đổi.',
  CMS_MALFORMED: 'Chữ ký số (CMS) không đúng cấu trúc.',
  CMS_CONTENT_MISSING: 'Chữ ký tách rời cần kèm nội dung đã ký để kiểm tra.',
  CMS_SIGNATURE_INVALID: 'Chữ ký số không hợp lệ: nội dung hoặc chữ ký đã bị thay đổi.',
  CMS_SIGNER_UNTRUSTED: 'Chứng thư số của người ký không được tin cậy.',
  CMS_SIGNING_CERTIFICATE_MISMATCH:
    'Thuộc tính chứng thư ký (signing-certificate-v2) không khớp với chứng thư số của người ký.',
};

export class KeyStoreError extends Error {
  override readonly name = 'KeyStoreError';
  readonly messageVi: string;
  constructor(
    readonly code: KeyStoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.messageVi = VI[code];
  }
}

export function isKeyStoreError(error: unknown, code?: KeyStoreErrorCode): error is KeyStoreError {
  return error instanceof KeyStoreError && (code === undefined || error.code === code);
}
