/**
 * Checks an RFC 9162 inclusion proof in the browser (WebCrypto SHA-256), as §2.1.3.2 says: the
 * leaf hash is SHA-256(0x00 ‖ entry hash), each step SHA-256(0x01 ‖ left ‖ right). The same walk
 * as the server's lib/merkle and the shell script of docs/TRUST-MERKLE.md, so the applicant's
 * page does not take the server's word for it.
 */
export interface InclusionProofJson {
  entryHash: string;
  leafIndex: number;
  leafHash: string;
  treeSize: number;
  rootHash: string;
  auditPath: string[];
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function toHex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function sha256(prefix: number, ...parts: Uint8Array<ArrayBuffer>[]): Promise<string> {
  const data = new Uint8Array(1 + parts.reduce((n, p) => n + p.length, 0));
  data[0] = prefix;
  let at = 1;
  for (const part of parts) {
    data.set(part, at);
    at += part.length;
  }
  return toHex(await crypto.subtle.digest('SHA-256', data));
}

/** True when the path leads from the entry's hash to the root; false on any mismatch. */
export async function verifyInclusionProof(proof: InclusionProofJson): Promise<boolean> {
  if (!/^[0-9a-f]{64}$/.test(proof.entryHash) || proof.leafIndex >= proof.treeSize) return false;
  const leaf = await sha256(0x00, fromHex(proof.entryHash));
  if (leaf !== proof.leafHash) return false;
  let fn = proof.leafIndex;
  let sn = proof.treeSize - 1;
  let r = leaf;
  for (const p of proof.auditPath) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256(0x01, fromHex(p), fromHex(r));
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else r = await sha256(0x01, fromHex(r), fromHex(p));
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r === proof.rootHash;
}
