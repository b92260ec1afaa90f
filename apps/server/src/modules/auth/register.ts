/**
 * Citizen self-registration on the public portal: the account is created with the role citizen,
 * audited, and signed in like a login. Every field is checked here (not by the body schema) so
 * that each problem reads as a clear Vietnamese sentence tied to its field.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { Database } from '../../db/schema';
import { fieldError, invalid, type FieldError } from '../../http/errors';
import { createCitizenAccount } from '../org';
import { hashPassword, passwordProblems } from './password';
import { login, type LoginResult } from './service';

export const CITIZEN_PASSWORD_MIN = 8;
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
/** Vietnamese mobile numbers: 0 or +84, then a mobile prefix 3, 5, 7, 8 or 9 and 8 digits. */
const MOBILE = /^(0|\+84)[35789][0-9]{8}$/;
const IDENTITY = /^[0-9]{12}$/;

export interface RegistrationInput {
  fullName: string;
  username: string;
  password: string;
  email: string;
  phone: string;
  identityNumber: string;
}

/** The input as stored: trimmed, user name and e-mail in lower case, phone without separators. */
export function normaliseRegistration(input: RegistrationInput): RegistrationInput {
  return {
    fullName: input.fullName.trim().replace(/\s+/g, ' ').normalize('NFC'),
    username: input.username.trim().toLowerCase(),
    password: input.password,
    email: input.email.trim().toLowerCase(),
    phone: input.phone.replace(/[\s.-]/g, ''),
    identityNumber: input.identityNumber.replace(/\s/g, ''),
  };
}

/** Field errors of a normalised registration (empty when valid). */
export function registrationProblems(input: RegistrationInput): FieldError[] {
  const errors: FieldError[] = [];
  const name = input.fullName;
  if (name.length < 2 || name.length > 100 || /[0-9<>{}[\]\\/@#$%^*=+|~`]/.test(name))
    errors.push(
      fieldError(
        '/fullName',
        'invalid_name',
        'Vui lòng nhập họ, chữ đệm và tên (2–100 ký tự, không có chữ số hoặc ký hiệu).',
        'Enter your full name (2–100 characters, no digits or symbols).',
      ),
    );
  if (!USERNAME.test(input.username))
    errors.push(
      fieldError(
        '/username',
        'invalid_username',
        'Tên đăng nhập gồm 3–64 ký tự: chữ cái không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch ngang, bắt đầu bằng chữ cái hoặc chữ số.',
        'The user name has 3–64 characters: letters without accents, digits, dot, underscore or hyphen, starting with a letter or digit.',
      ),
    );
  for (const message of passwordProblems(input.password, CITIZEN_PASSWORD_MIN))
    errors.push(
      fieldError(
        '/password',
        'weak_password',
        message,
        `The password needs at least ${CITIZEN_PASSWORD_MIN} characters, with letters and digits.`,
      ),
    );
  if (input.password.length > 256)
    errors.push(
      fieldError(
        '/password',
        'too_long',
        'Mật khẩu không được dài quá 256 ký tự.',
        'At most 256 characters.',
      ),
    );
  if (input.email.length > 254 || !EMAIL.test(input.email))
    errors.push(
      fieldError(
        '/email',
        'invalid_email',
        'Địa chỉ thư điện tử không hợp lệ (ví dụ: ten@example.com).',
        'Not a valid e-mail address (e.g. name@example.com).',
      ),
    );
  if (!MOBILE.test(input.phone))
    errors.push(
      fieldError(
        '/phone',
        'invalid_phone',
        'Số điện thoại di động không hợp lệ: 10 chữ số bắt đầu bằng 03, 05, 07, 08 hoặc 09 (hoặc +84).',
        'Not a Vietnamese mobile number: 10 digits starting with 03, 05, 07, 08 or 09 (or +84).',
      ),
    );
  if (!IDENTITY.test(input.identityNumber))
    errors.push(
      fieldError(
        '/identityNumber',
        'invalid_identity',
        'Số căn cước (số định danh cá nhân) gồm đúng 12 chữ số.',
        'The identity number (căn cước) has exactly 12 digits.',
      ),
    );
  return errors;
}

/** Creates the citizen's account and signs them in. */
export async function registerCitizen(
  db: Kysely<Database>,
  config: Config,
  raw: RegistrationInput,
  client: { ip: string | null; userAgent: string | null; previousSession?: string },
): Promise<LoginResult> {
  const input = normaliseRegistration(raw);
  const errors = registrationProblems(input);
  if (errors.length > 0)
    throw invalid(errors, 'Thông tin đăng ký chưa hợp lệ. Vui lòng kiểm tra các trường được nêu.');
  const passwordHash = await hashPassword(input.password);
  await createCitizenAccount(
    db,
    {
      username: input.username,
      fullName: input.fullName,
      email: input.email,
      phone: input.phone,
      identityNumber: input.identityNumber,
      passwordHash,
    },
    { ip: client.ip },
  );
  return login(db, config, {
    username: input.username,
    password: input.password,
    ip: client.ip,
    userAgent: client.userAgent,
    ...(client.previousSession ? { previousSession: client.previousSession } : {}),
  });
}
