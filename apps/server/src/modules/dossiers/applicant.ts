/**
 * Who applied online: the account's verified name and identity number, with the contact details
 * and residence the applicant declared in the form's applicant section (the account's own phone
 * and e-mail when the form has none). The same for a direct submission and for a draft submitted
 * later, so the receipt (Mẫu 01: "Địa chỉ") and the register print what was declared.
 */
import type { UsersTable } from '../../db/schema';
import type { Selectable } from 'kysely';

export interface Applicant {
  fullName: string;
  identityNumber?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
}

type Account = Pick<Selectable<UsersTable>, 'full_name' | 'identity_number' | 'phone' | 'email'>;

export function onlineApplicant(user: Account, formData: Record<string, unknown>): Applicant {
  const declared = (
    typeof formData.applicant === 'object' && formData.applicant !== null ? formData.applicant : {}
  ) as Record<string, unknown>;
  const text = (name: string) => {
    const value = declared[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  };
  return {
    fullName: user.full_name,
    identityNumber: user.identity_number,
    phone: text('phone') ?? user.phone,
    email: text('email') ?? user.email,
    address: text('address'),
  };
}
