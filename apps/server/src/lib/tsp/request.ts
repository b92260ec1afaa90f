/**
 * RFC 3161 requests and the HTTP client of a Time-Stamp Authority (RFC 3161 §3.4:
 * `application/timestamp-query` in, `application/timestamp-reply` out).
 */
import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { protocolError } from './errors';
import { bytesEqual, OID, parseDer, toArrayBuffer, toHex } from './pki';
import { postDer } from './transport';

export interface TimestampRequestOptions {
  /** Nonce bytes (made positive); a random 64-bit nonce when omitted, none when `false`. */
  nonce?: Uint8Array | false;
  /** Ask the TSA to include its certificate in the token (default true). */
  certReq?: boolean;
  /** Requested TSA policy OID. */
  policy?: string;
}

function checkSha256(digest: Uint8Array): void {
  if (digest.length !== 32) {
    throw new TypeError(`A SHA-256 digest has 32 bytes, not ${digest.length}.`);
  }
}

/**
 * A positive nonce INTEGER from bytes: the top bit cleared so that it stays positive, and the
 * leading zero bytes DER does not allow dropped (a random nonce starting 0x00 0x01… would be a
 * non-minimal encoding, which OpenSSL's TSA refuses as badDataFormat — once in 256 requests).
 */
export function nonceInteger(bytes: Uint8Array): asn1js.Integer {
  const copy = Uint8Array.from(bytes.length ? bytes : new Uint8Array(1));
  if (copy[0]! & 0x80) copy[0] = copy[0]! & 0x7f;
  let start = 0;
  while (start < copy.length - 1 && copy[start] === 0 && (copy[start + 1]! & 0x80) === 0) start += 1;
  return new asn1js.Integer({ valueHex: toArrayBuffer(copy.slice(start)) });
}

/** DER TimeStampReq for a SHA-256 digest. */
export function timestampRequest(digest: Uint8Array, options: TimestampRequestOptions = {}): Uint8Array {
  checkSha256(digest);
  const nonce = options.nonce === false ? undefined : (options.nonce ?? randomBytes(8));
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({
        algorithmId: OID.sha256,
        algorithmParams: new asn1js.Null(),
      }),
      hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(digest) }),
    }),
    certReq: options.certReq ?? true,
    ...(options.policy ? { reqPolicy: options.policy } : {}),
    ...(nonce ? { nonce: nonceInteger(nonce) } : {}),
  });
  return new Uint8Array(request.toSchema().toBER());
}

export interface TimestampReply {
  /** The token: DER ContentInfo (SignedData over TSTInfo), what `verifyTimestampToken` checks. */
  tokenDer: Uint8Array;
  /** The whole TimeStampResp as received (what `openssl ts -verify -in` reads). */
  responseDer: Uint8Array;
}

const FAILURES: [number, string][] = [
  [0, 'badAlg'],
  [2, 'badRequest'],
  [5, 'badDataFormat'],
  [14, 'timeNotAvailable'],
  [15, 'unacceptedPolicy'],
  [16, 'unacceptedExtension'],
  [17, 'addInfoNotAvailable'],
  [25, 'systemFailure'],
];

function failureNames(bits: asn1js.BitString | undefined): string[] {
  if (!bits) return [];
  const bytes = bits.valueBlock.valueHexView;
  return FAILURES.filter(([bit]) => ((bytes[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0).map(
    ([, name]) => name,
  );
}

/**
 * Reads a TimeStampResp: the token when granted; a `tsa_rejected` error otherwise; checks that the
 * token's TSTInfo covers `digest` and carries `nonceHex` when given (the signature and the TSA's
 * certificate are `verifyTimestampToken`'s job).
 */
export function readTimestampResponse(
  responseDer: Uint8Array,
  digest: Uint8Array,
  nonceHex?: string,
): TimestampReply {
  const response = parseDer(responseDer, 'TimeStampResp', (b) => pkijs.TimeStampResp.fromBER(b));
  const status = Number(response.status.status);
  if ((status !== 0 && status !== 1) || !response.timeStampToken) {
    const text = (response.status.statusStrings ?? []).map((s) => s.valueBlock.value).join('; ');
    const why = [...failureNames(response.status.failInfo), text].filter(Boolean).join(', ');
    throw protocolError(
      'tsa_rejected',
      `Máy chủ cấp dấu thời gian từ chối yêu cầu (trạng thái ${status}${why ? ': ' + why : ''}).`,
      `The time-stamp authority refused the request (status ${status}${why ? ': ' + why : ''}).`,
    );
  }
  const tokenDer = new Uint8Array(response.timeStampToken.toSchema().toBER());
  const signed = new pkijs.SignedData({ schema: response.timeStampToken.content });
  const content = signed.encapContentInfo.eContent;
  if (signed.encapContentInfo.eContentType !== OID.tstInfo || !content) {
    throw protocolError('malformed', 'Dấu thời gian không chứa TSTInfo.', 'The token holds no TSTInfo.');
  }
  const info = pkijs.TSTInfo.fromBER(content.getValue());
  const imprint = info.messageImprint.hashedMessage.valueBlock.valueHexView;
  if (info.messageImprint.hashAlgorithm.algorithmId !== OID.sha256 || !bytesEqual(imprint, digest)) {
    throw protocolError(
      'imprint_mismatch',
      'Dấu thời gian nhận được không phủ đúng giá trị băm đã gửi.',
      'The token received does not cover the digest that was sent.',
    );
  }
  if (nonceHex !== undefined && (!info.nonce || toHex(info.nonce.valueBlock.valueHexView) !== nonceHex)) {
    throw protocolError(
      'nonce_mismatch',
      'Nonce của dấu thời gian không khớp.',
      'The token nonce does not match.',
    );
  }
  return { tokenDer, responseDer };
}

export interface RequestTimestampOptions {
  policy?: string;
  /** Milliseconds before the request is abandoned (default 10 s). */
  timeoutMs?: number;
}

/** Asks the TSA at `url` for a token over a SHA-256 digest (a fresh nonce, certReq true). */
export async function requestTimestamp(
  url: string,
  digest: Uint8Array,
  options: RequestTimestampOptions = {},
): Promise<TimestampReply> {
  const nonce = nonceInteger(randomBytes(8));
  const requestDer = timestampRequest(digest, {
    nonce: nonce.valueBlock.valueHexView,
    ...(options.policy ? { policy: options.policy } : {}),
  });
  const responseDer = await postDer(url, requestDer, {
    requestType: 'application/timestamp-query',
    responseType: 'application/timestamp-reply',
    timeoutMs: options.timeoutMs ?? 10_000,
    what: 'TSA',
  });
  return readTimestampResponse(responseDer, digest, toHex(nonce.valueBlock.valueHexView));
}
