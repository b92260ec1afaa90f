/**
 * The demo PKI of the demo data (trust module): signing certificates for the demo leaders, seals
 * for UBND tỉnh Tây Ninh, Sở Xây dựng and UBND phường Tân Ninh, a timestamping unit, an OCSP
 * signer, a revoked certificate and CRLs — all "DEMO — không có giá trị pháp lý". Made on the
 * embedded database at start when missing (main.ts), on PostgreSQL by `npm run pki:demo`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import {
  createDemoPki,
  demoPkiExists,
  encryptedKeyProtector,
  loadKek,
  type KekSource,
} from '../../modules/trust';
import { DEMO_COMMUNES } from './users';

export const DEMO_SIGNERS = ['lanhdao', 'lanhdao.xd', 'chutich.xa', 'lanhdao.ubnd'] as const;
/** The signing PIN of every demo official's key (README): a demo's, known to all. */
export const DEMO_SIGNING_PIN = '246810';
/** UBND tỉnh Tây Ninh and Sở Xây dựng by agency code; UBND phường Tân Ninh by its GSO code. */
const PROVINCE_CODE = '000.00.00.H53';
const CONSTRUCTION_CODE = '000.00.16.H53';

async function demoSealUnits(db: Kysely<Database>): Promise<number[]> {
  const byCode = await db
    .selectFrom('units_view')
    .select(['id', 'agency_code'])
    .where('agency_code', 'in', [PROVINCE_CODE, CONSTRUCTION_CODE])
    .where('valid_until', 'is', null)
    .execute();
  const tanNinh = await db
    .selectFrom('units_view')
    .select('id')
    .where('kind', '=', 'commune')
    .where('admin_area_code', '=', DEMO_COMMUNES.tanNinh)
    .where('valid_until', 'is', null)
    .executeTakeFirstOrThrow();
  const id = (code: string) => {
    const row = byCode.find((unit) => unit.agency_code === code);
    if (!row) throw new Error(`demo PKI: no open unit ${code}`);
    return row.id;
  };
  return [id(PROVINCE_CODE), id(CONSTRUCTION_CODE), tanNinh.id];
}

export interface DemoPkiSeeded {
  created: boolean;
  kek: KekSource | null;
  certificates: number;
}

/** Creates the demo PKI unless it exists; `embedded` allows a key-encryption key file in DATA_DIR. */
export async function seedDemoPki(
  db: Kysely<Database>,
  options: { env: NodeJS.ProcessEnv; embedded: { dataDir: string } | null },
): Promise<DemoPkiSeeded> {
  if (await demoPkiExists(db)) return { created: false, kek: null, certificates: 0 };
  const kek = loadKek(options.env, options.embedded);
  const result = await createDemoPki(db, encryptedKeyProtector(kek.kek), {
    usernames: DEMO_SIGNERS,
    unitIds: await demoSealUnits(db),
    signingPin: { kek: kek.kek, pin: DEMO_SIGNING_PIN },
  });
  return { created: result.created, kek, certificates: result.certificates };
}

/** The start-up lines about it (Vietnamese, as the rest of the start-up notice). */
export function demoPkiNotice(seeded: DemoPkiSeeded): string[] {
  if (!seeded.created)
    return ['  PKI mẫu (DEMO — không có giá trị pháp lý) đã có; gốc tin cậy: /api/trust/anchors.pem'];
  const lines = [
    `  Đã tạo PKI mẫu (DEMO — không có giá trị pháp lý): CA gốc, CA cấp, ${seeded.certificates} chứng thư; gốc tin cậy: /api/trust/anchors.pem`,
  ];
  if (seeded.kek?.origin === 'generated')
    lines.push(
      `  TRUST_KEK chưa đặt: đã sinh khóa mã hóa khóa vào ${seeded.kek.path} (quyền 0600) — tiện cho bản thử, không dùng khi vận hành thật.`,
    );
  else if (seeded.kek?.origin === 'file')
    lines.push(
      `  TRUST_KEK chưa đặt: dùng khóa mã hóa khóa trong ${seeded.kek.path} (chỉ dành cho bản thử).`,
    );
  return lines;
}
