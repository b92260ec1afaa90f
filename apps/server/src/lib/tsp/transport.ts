/**
 * DER over HTTP, both ends: the client calls of the TSA, OCSP and CRL code (a timeout, a size
 * limit, the expected content type, errors that say which service failed), and a framework-
 * agnostic handler for the responders (`handleDerRequest`) with an adapter for node:http.
 */
import { arrayBufferView } from '../webcrypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { protocolError } from './errors';

export interface DerFetchOptions {
  /** Content type sent (POST only). */
  requestType?: string;
  /** Content type expected; checked when the server names one. */
  responseType: string;
  timeoutMs: number;
  /** What is asked, for error messages: "TSA", "OCSP", "CRL". */
  what: string;
  /** Largest answer accepted (default 10 MiB). */
  maxBytes?: number;
}

async function derFetch(url: string, init: RequestInit, options: DerFetchOptions): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'follow',
    });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    const reason = timedOut ? `quá ${options.timeoutMs} ms` : (error as Error).message;
    const reasonEn = timedOut ? `no answer within ${options.timeoutMs} ms` : (error as Error).message;
    throw protocolError(
      'transport',
      `Không kết nối được dịch vụ ${options.what} tại ${url} (${reason}).`,
      `Could not reach the ${options.what} service at ${url} (${reasonEn}).`,
    );
  }
  if (!response.ok) {
    throw protocolError(
      'transport',
      `Dịch vụ ${options.what} tại ${url} trả lời HTTP ${response.status}.`,
      `The ${options.what} service at ${url} answered HTTP ${response.status}.`,
    );
  }
  const type = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type && type !== options.responseType && type !== 'application/octet-stream') {
    throw protocolError(
      'transport',
      `Dịch vụ ${options.what} trả về kiểu nội dung ${type}, cần ${options.responseType}.`,
      `The ${options.what} service answered ${type}, expected ${options.responseType}.`,
    );
  }
  const body = new Uint8Array(await response.arrayBuffer());
  if (body.length > (options.maxBytes ?? 10 * 1024 * 1024)) {
    throw protocolError(
      'transport',
      `Câu trả lời của dịch vụ ${options.what} quá lớn.`,
      `The ${options.what} answer is too large.`,
    );
  }
  return body;
}

export function postDer(url: string, body: Uint8Array, options: DerFetchOptions): Promise<Uint8Array> {
  return derFetch(
    url,
    {
      method: 'POST',
      body: arrayBufferView(body),
      headers: { 'content-type': options.requestType ?? 'application/octet-stream' },
    },
    options,
  );
}

export function getDer(url: string, options: DerFetchOptions): Promise<Uint8Array> {
  return derFetch(url, { method: 'GET' }, options);
}

export interface DerHttpRequest {
  method: string;
  /** Path after the responder's mount point (OCSP GET carries the request there, RFC 6960 A.1). */
  path?: string;
  contentType?: string | undefined;
  body?: Uint8Array | undefined;
}

export interface DerHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

export interface DerEndpoint {
  requestType: string;
  responseType: string;
  /** Whether GET with the base64 request in the path is accepted (OCSP). */
  allowGet?: boolean;
  respond(requestDer: Uint8Array): Promise<Uint8Array>;
}

/** One request to a DER responder, whatever the web framework (Fastify, node:http…). */
export async function handleDerRequest(
  endpoint: DerEndpoint,
  request: DerHttpRequest,
): Promise<DerHttpResponse> {
  const plain = { 'content-type': 'text/plain; charset=utf-8' };
  let der: Uint8Array | undefined;
  if (request.method === 'POST') {
    const type = request.contentType?.split(';')[0]?.trim().toLowerCase();
    if (type !== endpoint.requestType) {
      return { status: 415, headers: plain, body: `Content-Type must be ${endpoint.requestType}` };
    }
    der = request.body;
  } else if (request.method === 'GET' && endpoint.allowGet) {
    const encoded = decodeURIComponent((request.path ?? '').replace(/^\/+/, ''));
    if (encoded) der = new Uint8Array(Buffer.from(encoded, 'base64'));
  } else {
    return {
      status: 405,
      headers: { ...plain, allow: endpoint.allowGet ? 'GET, POST' : 'POST' },
      body: 'Method not allowed',
    };
  }
  if (!der || der.length === 0) return { status: 400, headers: plain, body: 'Empty request' };
  const body = await endpoint.respond(der);
  return {
    status: 200,
    headers: { 'content-type': endpoint.responseType, 'cache-control': 'no-store' },
    body,
  };
}

/** A node:http request listener for a DER responder mounted at `prefix` (default "/"). */
export function nodeDerHandler(endpoint: DerEndpoint, prefix = '/', maxBytes = 1024 * 1024) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!.slice(prefix.length - (prefix.endsWith('/') ? 1 : 0));
      handleDerRequest(endpoint, {
        method: req.method ?? 'GET',
        path,
        contentType: req.headers['content-type'],
        body: new Uint8Array(Buffer.concat(chunks)),
      }).then(
        (answer) => {
          res.writeHead(answer.status, answer.headers);
          res.end(typeof answer.body === 'string' ? answer.body : Buffer.from(answer.body));
        },
        () => {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('Internal error');
        },
      );
    });
  };
}
