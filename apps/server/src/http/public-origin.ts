/**
 * The public address of the portal, printed on slips (the QR code and lookup link of Mẫu 01) and
 * in e-mails: PUBLIC_BASE_URL when it is set.
 *
 * When it is not, a slip carries the address the server was reached at — the request's Host
 * header (X-Forwarded-Host and X-Forwarded-Proto behind a trusted proxy, TRUST_PROXY=true, as
 * Fastify reads them), accepted only as a plain host name or IP address with an optional port
 * (no user info, path, spaces or a second value); anything else falls back to
 * http://localhost:PORT. This is safe for a slip because its link goes back to the same person
 * who made the request, in a private, uncached answer: a forged Host fools nobody but its author.
 *
 * E-mails are different: an officer's action sends a link to someone else (the applicant), and a
 * Host header chosen by an attacker would then be a phishing link signed by the province (Host
 * header injection, as in password-reset poisoning). E-mails therefore never use the request's
 * address: they use PUBLIC_BASE_URL, or http://localhost:PORT when it is unset, and the start-up
 * message says so.
 */
import type { Config } from '../config';

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
/** A DNS name or IPv4 address, or a bracketed IPv6 address, and an optional port. */
const PLAIN_HOST = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*|\\[[0-9a-f:.]{2,45}\\])(?::(\\d{1,5}))?$`, 'i');

/** `value` as a lower-case `host[:port]` when it is a plain host, otherwise null. */
export function plainHost(value: string | undefined): string | null {
  if (!value || value.length > 260) return null;
  const match = PLAIN_HOST.exec(value);
  if (!match) return null;
  const port = match[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return null;
  return value.toLowerCase();
}

/** What a request says about where it was sent (Fastify's `request.host` and `request.protocol`). */
export interface RequestAddress {
  host: string;
  protocol: string;
}

function fallback(config: Pick<Config, 'port'>): string {
  return `http://localhost:${config.port}`;
}

/** The base address for links on a slip answered to this request. */
export function slipBaseUrl(config: Pick<Config, 'publicBaseUrl' | 'port'>, request: RequestAddress): string {
  if (config.publicBaseUrl) return config.publicBaseUrl.replace(/\/+$/, '');
  const host = plainHost(request.host);
  const protocol = request.protocol === 'https' ? 'https' : request.protocol === 'http' ? 'http' : null;
  return host && protocol ? `${protocol}://${host}` : fallback(config);
}

/** The base address for links in e-mails: never taken from a request. */
export function mailBaseUrl(config: Pick<Config, 'publicBaseUrl' | 'port'>): string {
  return (config.publicBaseUrl ?? fallback(config)).replace(/\/+$/, '');
}

/** The start-up line that says which public address is in use. */
export function publicAddressNotice(config: Pick<Config, 'publicBaseUrl' | 'port' | 'trustProxy'>): string {
  if (config.publicBaseUrl) return `  Địa chỉ công khai (PUBLIC_BASE_URL): ${config.publicBaseUrl}`;
  const header = config.trustProxy ? 'X-Forwarded-Host/-Proto của proxy, hoặc Host' : 'tiêu đề Host';
  return (
    `  PUBLIC_BASE_URL chưa đặt: mã QR và đường dẫn tra cứu trên phiếu dùng địa chỉ người dùng truy cập (${header}); ` +
    `thư điện tử dùng ${fallback(config)} — hãy đặt PUBLIC_BASE_URL khi triển khai`
  );
}
