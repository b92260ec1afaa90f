/**
 * Masking of personal data before it reaches a log line (Nghị định 13/2023/NĐ-CP on the
 * protection of personal data). Pure functions, no dependencies, so the logger can use them.
 *
 * Where a value must stay recognisable to whoever reads the log, a short hint is kept: the
 * phone number 0912345678 becomes `09******78`. Short values are hidden completely.
 */

const STAR = '*';

/** Keeps the first and last two characters of a value of 8+ characters; hides the rest. */
export function maskValue(value: string): string {
  const chars = Array.from(value);
  if (chars.length < 8) return STAR.repeat(3);
  return `${chars.slice(0, 2).join('')}${STAR.repeat(Math.min(chars.length - 4, 8))}${chars.slice(-2).join('')}`;
}

/** An e-mail address keeps its first character and its domain: `c***@example.vn`. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return maskValue(address);
  return `${address[0]}${STAR.repeat(3)}${address.slice(at)}`;
}

// Nine digits or more, possibly grouped by single spaces: phone numbers (10 digits, +84…),
// identity numbers (CCCD, 12 digits), old ID cards (9 digits), bank accounts. Dossier codes
// (000.00.01.H53-261201-0001) and dates never have more than six digits in a row and are kept.
const DIGIT_RUN = /\+?\d(?: ?\d){8,}/g;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/** Masks what looks like a phone number, an identity number or an e-mail address in free text. */
export function maskPersonalText(text: string): string {
  return text.replace(EMAIL, maskEmail).replace(DIGIT_RUN, (run) => maskValue(run.replace(/ /g, '')));
}

/**
 * Query parameters whose values are codes chosen from a list, never typed personal data; their
 * values stay readable in the log when they look like codes. Every other value is masked (a
 * search box such as `q` may hold a citizen's name).
 */
const SAFE_QUERY_KEYS = new Set([
  'page',
  'pageSize',
  'queue',
  'sort',
  'order',
  'status',
  'channel',
  'kind',
  'procedureCode',
  'documentCode',
  'purpose',
  'unitId',
  'year',
  'period',
  'from',
  'to',
  'at',
  'receivedFrom',
  'receivedTo',
  'dryRun',
  'format',
]);
const CODE_LIKE = /^[\w.:+-]{0,40}$/;

function decode(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part;
  }
}

/** A request URL fit for a log line: path with personal-looking runs masked, query values masked. */
export function maskUrl(url: string): string {
  const mark = url.indexOf('?');
  const path = mark === -1 ? url : url.slice(0, mark);
  const decoded = decode(path);
  const masked = maskPersonalText(decoded);
  const maskedPath = masked === decoded ? path : masked;
  if (mark === -1) return maskedPath;
  const query = url
    .slice(mark + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = decode(eq === -1 ? pair : pair.slice(0, eq));
      const value = eq === -1 ? '' : decode(pair.slice(eq + 1));
      const safeKey = /^[\w.-]{1,40}$/.test(key) ? key : maskValue(key);
      if (eq === -1) return safeKey;
      const safe = SAFE_QUERY_KEYS.has(key) && CODE_LIKE.test(value);
      return `${safeKey}=${safe ? value : maskValue(value)}`;
    })
    .join('&');
  return `${maskedPath}?${query}`;
}

/** An error as it appears in a log line. */
export interface MaskedError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
}

/** An error for a log line: its kind, code, status and masked message and stack, nothing else. */
export function maskError(error: unknown, depth = 0): MaskedError {
  if (!(error instanceof Error))
    return { type: typeof error, message: maskPersonalText(String(error)), stack: '' };
  const fields = error as Error & { code?: unknown; statusCode?: unknown };
  const masked: MaskedError = {
    type: error.constructor?.name ?? 'Error',
    message: maskPersonalText(error.message),
    stack: maskPersonalText(error.stack ?? ''),
  };
  if (typeof fields.code === 'string' || typeof fields.code === 'number') masked.code = fields.code;
  if (typeof fields.statusCode === 'number') masked.statusCode = fields.statusCode;
  if (error.cause !== undefined && depth < 3) masked.cause = maskError(error.cause, depth + 1);
  return masked;
}
