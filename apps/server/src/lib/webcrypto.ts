/**
 * Node's WebCrypto as the engine of pkijs (CMS, OCSP, timestamps, CRLs) and @peculiar/x509
 * (certificates), set once for the process by whoever imports this first: the trust module and the
 * libraries lib/tsp, lib/ocsp and lib/keystore. @peculiar/x509 needs reflect-metadata loaded before
 * it (its ASN.1 schemas use decorators), hence the first import.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as pkijs from 'pkijs';

/**
 * Node's WebCrypto, typed as the global Crypto. It is the DOM's Crypto at run time; the cast only
 * bridges the two type libraries (the web's type check compiles the server too, through the
 * browser tests' harness, with the DOM's types; the server's own check sees one type).
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
export const nodeCrypto = webcrypto as unknown as typeof globalThis.crypto;

const ENGINE_NAME = 'nodeEngine';
let engineSet = false;

/** Sets the engines if they are not set yet (idempotent). */
export function ensureCryptoEngines(): void {
  if (engineSet) return;
  pkijs.setEngine(ENGINE_NAME, new pkijs.CryptoEngine({ name: ENGINE_NAME, crypto: nodeCrypto }));
  x509.cryptoProvider.set(nodeCrypto);
  engineSet = true;
}
ensureCryptoEngines();

/**
 * The same bytes typed as an ArrayBuffer-backed view, which the DOM's BufferSource and BodyInit
 * require (the web app's type check compiles this code through its end-to-end harness).
 */
export function arrayBufferView(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
}
