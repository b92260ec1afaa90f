import type { ApiError } from '../api/client';

/**
 * The server's field errors keyed by field name: a schema error names `/subject`, a rule of the
 * use case `subject`; both land on the same field.
 */
export function fieldMessages(error: ApiError): Record<string, string> {
  return Object.fromEntries(
    Object.entries(error.fieldErrors()).map(([field, message]) => [field.replace(/^\//, ''), message]),
  );
}
