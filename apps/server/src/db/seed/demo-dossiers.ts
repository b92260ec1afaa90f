/**
 * Demo dossiers, so that the portal's statistics and the leaders' dashboard show something on a
 * fresh embedded database: a few thousand dossiers received over the last ~18 months (never
 * before the catalogue took effect) across the seeded procedures, handled by the departments
 * named in the catalogue and by the communes, with complete histories.
 *
 * How: each dossier's history is generated in memory by the shared lifecycle (`applyAction`
 * refuses any step the rules forbid, so every history is valid by construction), its due dates by
 * the working calendar and office hours of the database (`computeDueDate`, as at the counter),
 * then cut at "now": whatever was planned later has not happened yet, which leaves the recent
 * dossiers in progress, waiting for a supplement or for intake. The rows (`dossiers` as the
 * projection of `foldActions`, `dossier_actions`, `dossier_ratings`, the code counters) are then
 * written set-based, a few thousand rows per statement, in one transaction. Deterministic: the
 * same seed and `now` give the same data.
 *
 * The mix: online share rising from about 30% to 70% (4% by post); 1% refused at intake and 3%
 * asked to complete the file before receipt (online); after receipt 4% asked for a supplement
 * (the clock restarted or paused as the procedure says), 1.5% withdrawn, 0.5% stopped, 0.8% stuck
 * (open, overdue once their appointment passes), about 5% resolved late (half of those after an
 * apology with a new appointment), 3% of the resolved rejected, 8% with a fee to pay; the
 * results returned at the counter, by post or electronically; 45% of the online dossiers returned
 * are rated by their applicant.
 *
 * People: the demo officers act where they work (tiepnhan at the provincial service centre, the
 * specialists and leaders of Sở Tư pháp and Sở Xây dựng, the one-stop shop, civil-status officer and
 * chairman of phường Tân Ninh, the one-stop shop of xã Thạnh Hóa); elsewhere the actor is left
 * empty (no demo accounts there). The two demo communes receive a larger share of the commune
 * dossiers (DEMO_COMMUNE_SHARE), and the most used procedures weigh more (DEMO_VOLUMES); each
 * dossier has its cases, the result delivery the applicant chose, and at the counter the
 * documents ticked as received. Online applicants are the two demo citizens (a few dossiers each) and 60
 * disabled demo citizen accounts (`congdan.mau01`…, fictitious names, no way to sign in); counter
 * applicants have no account. No real personal data.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { vietnamDate, type IsoDate } from '../../lib/time';
import { hashPassword } from '../../modules/auth';
import { CalendarService } from '../../modules/calendar';
import { formatDossierCode, importDossiers } from '../../modules/dossiers';
import { createCitizenAccounts } from '../../modules/org';
import { DEMO_VOLUMES, generator, type Version, type World } from './demo-data';
import { generate, type Generated } from './demo-history';
import { personName } from './demo-names';
import type { CaseOption, CatalogueDocument } from '@tayninh/domain/dossiers/documents';
import { DEMO_COMMUNES } from './users';

export interface DemoDossierOptions {
  /** How many dossiers (default 5,000). */
  count?: number;
  /** The present: nothing happens after it (default: the current time). */
  now?: Date;
  /** Months of history (default 18). */
  months?: number;
  /** Random seed (default 2026). */
  seed?: number;
}

export interface DemoDossierResult {
  dossiers: number;
  actions: number;
  ratings: number;
  /** First and last receipt day. */
  from: IsoDate;
  to: IsoDate;
  ms: number;
}

/**
 * Whether main.ts seeds the demo dossiers: on the first start of the embedded database (unless
 * SEED_DEMO_DOSSIERS=0), and on any database when SEED_DEMO_DOSSIERS=1 (only while it has no
 * dossiers: see `seedDemoDossiers`).
 */
export function demoDossiersWanted(
  env: NodeJS.ProcessEnv,
  database: { kind: 'pglite' | 'postgres'; firstStart: boolean },
  /** The switch: SEED_DEMO_DOSSIERS, or SEED_DEMO_DOCUMENTS for the demo documents. */
  variable: 'SEED_DEMO_DOSSIERS' | 'SEED_DEMO_DOCUMENTS' = 'SEED_DEMO_DOSSIERS',
): boolean {
  const flag = env[variable]?.toLowerCase();
  if (flag === '0' || flag === 'false' || flag === 'no') return false;
  if (flag === '1' || flag === 'true' || flag === 'yes') return true;
  return database.kind === 'pglite' && database.firstStart;
}

/**
 * Seeds the demo dossiers; does nothing (returns null) when the database already holds dossiers
 * or has no units and procedures to attach them to.
 */
export async function seedDemoDossiers(
  db: Kysely<Database>,
  options: DemoDossierOptions = {},
): Promise<DemoDossierResult | null> {
  const started = performance.now();
  const existing = await db.selectFrom('dossiers_view').select('id').limit(1).executeTakeFirst();
  if (existing) return null;
  const now = options.now ?? new Date();
  const count = options.count ?? 5000;
  const random = generator(options.seed ?? 2026);
  const cutoff = new Date(now.getTime() - 60_000);
  const today = vietnamDate(now);

  const units = await db
    .selectFrom('units_view')
    .select(['id', 'kind', 'tier', 'agency_code', 'admin_area_code', 'valid_from', 'valid_until'])
    .execute();
  const centre = units.find(
    (u) => u.kind === 'service_centre' && u.tier === 'province' && u.valid_until === null,
  );
  const unitById = new Map(units.map((u) => [u.id, u]));
  const versions: Version[] = (
    await db
      .selectFrom('procedure_versions_view as v')
      .innerJoin('procedures_view as p', 'p.id', 'v.procedure_id')
      .select([
        'v.id',
        'p.code',
        'v.handling_unit_id',
        'v.levels',
        'v.effective_from',
        'v.channels',
        'v.deadline_policy',
        'v.sub_cases',
        'v.documents',
      ])
      .where('v.effective_until', 'is', null)
      .orderBy('v.id')
      .execute()
  )
    .map((v) => {
      const channels = v.channels as Array<
        Version['channels'][number] & { fees?: Array<{ amountVnd: number | null }> }
      >;
      return {
        id: v.id,
        code: v.code,
        handlingUnitId: v.handling_unit_id,
        commune: v.handling_unit_id === null && v.levels.includes('commune'),
        effectiveFrom: v.effective_from,
        channels,
        pause: (v.deadline_policy as { supplementClock?: string }).supplementClock === 'pause',
        hasFee: channels.some((c) => (c.fees ?? []).some((fee) => (fee.amountVnd ?? 0) > 0)),
        cases: v.sub_cases as CaseOption[],
        documents: v.documents as CatalogueDocument[],
        weight: DEMO_VOLUMES[v.code] ?? 1,
      };
    })
    .filter(
      (v) =>
        v.channels.length > 0 &&
        (v.commune || (v.handlingUnitId !== null && unitById.get(v.handlingUnitId)?.valid_until === null)),
    );
  const provincial = versions.filter((v) => !v.commune);
  const communal = versions.filter((v) => v.commune);
  if (!centre?.agency_code || versions.length === 0) return null;

  const userIds = new Map(
    (await db.selectFrom('users_view').select(['id', 'username']).execute()).map((u) => [u.username, u.id]),
  );
  const user = (name: string) => userIds.get(name) ?? null;
  const creator = user('admin') ?? userIds.values().next().value!;
  // The demo officers act where they work; elsewhere the actor is left empty.
  const openCommune = (gso: string) =>
    units.find((u) => u.kind === 'commune' && u.admin_area_code === gso && u.valid_until === null);
  const receivers = new Map<number, number | null>([[centre?.id ?? 0, user('tiepnhan')]]);
  for (const [gso, name] of [
    [DEMO_COMMUNES.tanNinh, 'tiepnhan.xa'],
    [DEMO_COMMUNES.thanhHoa, 'tiepnhan.thanhhoa'],
  ] as const) {
    const unit = openCommune(gso);
    if (unit) receivers.set(unit.id, user(name));
  }
  const staff = new Map<number, { specialist: number | null; leader: number | null }>();
  for (const [code, specialist, leader] of [
    ['000.00.14.H53', 'chuyenvien', 'lanhdao'],
    ['000.00.16.H53', 'chuyenvien.xd', 'lanhdao.xd'],
  ] as const) {
    const unit = units.find((u) => u.agency_code === code && u.valid_until === null);
    if (unit) staff.set(unit.id, { specialist: user(specialist), leader: user(leader) });
  }
  const tanNinh = openCommune(DEMO_COMMUNES.tanNinh);
  if (tanNinh) staff.set(tanNinh.id, { specialist: user('hotich.xa'), leader: user('chutich.xa') });

  const clock = await new CalendarService(db).load();

  // Demo applicants for online dossiers: disabled citizen accounts that cannot sign in.
  const applicants: Array<{ id: number; name: string }> = [];
  const citizenPassword = await hashPassword(randomBytes(24).toString('base64url'));

  const earliest = versions.reduce((min, v) => (v.effectiveFrom < min ? v.effectiveFrom : min), today);
  const monthsBack = options.months ?? 18;
  const back = new Date(Date.parse(`${today}T00:00:00Z`));
  back.setUTCMonth(back.getUTCMonth() - monthsBack);
  const start = [back.toISOString().slice(0, 10), earliest].sort().at(-1)!;
  const days = Math.max(
    1,
    (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000,
  );

  return db.transaction().execute(async (trx) => {
    const names = Array.from({ length: 60 }, () => personName(random));
    const created = await createCitizenAccounts(
      trx,
      names.map((fullName, i) => ({
        username: `congdan.mau${String(i + 1).padStart(2, '0')}`,
        fullName,
        passwordHash: citizenPassword,
        disabled: true,
      })),
    );
    for (const account of created)
      applicants.push({ id: account.id, name: names[Number(account.username.slice(-2)) - 1]! });
    for (const name of ['congdan', 'congdan2']) {
      const id = user(name);
      if (id !== null) applicants.push({ id, name: '' });
    }
    const applicantNames = new Map<number, string>();
    for (const { id, name } of applicants) applicantNames.set(id, name);
    const demoCitizens = [user('congdan'), user('congdan2')].filter((id): id is number => id !== null);
    const pickApplicant = () =>
      demoCitizens.length > 0 && random.chance(0.02) ? random.pick(demoCitizens) : random.pick(applicants).id;

    const generated: Generated[] = [];
    const world: World = {
      random,
      start,
      days,
      cutoff,
      provincial,
      communal,
      units,
      unitById,
      centreId: centre.id,
      receivers,
      staff,
      pickApplicant,
      applicantNames,
      creator,
      clock,
    };
    for (let n = 0; n < count; n += 1) {
      const dossier = generate(world);
      if (dossier) generated.push(dossier);
    }
    return write(trx, generated, started);
  });
}

/** Gives the codes in submission order and writes the rows through the dossiers' store. */
async function write(
  trx: Kysely<Database>,
  generated: Generated[],
  started: number,
): Promise<DemoDossierResult> {
  generated.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
  const agencyCodes = new Map(
    (await trx.selectFrom('units_view').select(['id', 'agency_code']).execute()).map((u) => [
      u.id,
      u.agency_code!,
    ]),
  );
  const counters = new Map<string, number>();
  for (const dossier of generated) {
    const agency = agencyCodes.get(dossier.receivingUnitId)!;
    const day = vietnamDate(dossier.submittedAt);
    const key = `${agency}|${day}`;
    const number = (counters.get(key) ?? 0) + 1;
    counters.set(key, number);
    dossier.code = formatDossierCode(agency, day, number);
  }
  await importDossiers(
    trx,
    generated.map((d) => ({
      code: d.code,
      versionId: d.versionId,
      procedureCode: d.procedureCode,
      receivingUnitId: d.receivingUnitId,
      handlingUnitId: d.handlingUnitId,
      applicantUserId: d.applicantUserId,
      applicant: d.applicant,
      channel: d.channel,
      createdBy: d.createdBy,
      submittedAt: d.submittedAt,
      actions: d.actions.map((entry) => ({
        action: entry.action,
        actor: { userId: entry.actor, unitId: entry.unit },
        reason: entry.reason,
      })),
      cases: d.cases,
      resultDelivery: d.resultDelivery,
      resultAddress: d.resultDelivery === 'post' ? 'Tỉnh Tây Ninh' : null,
      documentsReceived: d.documentsReceived,
      rating: d.rating && (({ ratedBy, ratedAt, ...values }) => ({ ratedBy, ratedAt, values }))(d.rating),
      stampedAsOfHistory: true,
    })),
  );
  const received = generated
    .filter((d) => d.state.receivedAt !== null)
    .map((d) => d.state.receivedAt!)
    .sort();
  return {
    dossiers: generated.length,
    actions: generated.reduce((sum, d) => sum + d.actions.length, 0),
    ratings: generated.filter((d) => d.rating !== null).length,
    from: received.length > 0 ? vietnamDate(new Date(received[0]!)) : '',
    to: received.length > 0 ? vietnamDate(new Date(received.at(-1)!)) : '',
    ms: Math.round(performance.now() - started),
  };
}
