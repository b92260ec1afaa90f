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
 * specialists and leaders of Sở Tư pháp and Sở Xây dựng); elsewhere the actor is left empty (no
 * demo accounts there). Online applicants are the two demo citizens (a few dossiers each) and 60
 * disabled demo citizen accounts (`congdan.mau01`…, fictitious names, no way to sign in); counter
 * applicants have no account. No real personal data.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import {
  applyAction,
  foldActions,
  type DossierAction,
  type DossierState,
} from '@tayninh/domain/dossiers/lifecycle';
import type { Database } from '../schema';
import { hashPassword } from '../../modules/auth/password';
import { computeDueDate, workingMinutesBetween, type DurationUnit } from '../../modules/calendar/due-date';
import { CalendarService } from '../../modules/calendar/service';
import { formatDossierCode } from '../../modules/dossiers/codes';
import { ratingRow, type Satisfaction, type Score } from '../../modules/dossiers/rating';
import { addDays, vietnamDate, vietnamInstant, type IsoDate } from '../../lib/time';

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
): boolean {
  const flag = env.SEED_DEMO_DOSSIERS?.toLowerCase();
  if (flag === '0' || flag === 'false' || flag === 'no') return false;
  if (flag === '1' || flag === 'true' || flag === 'yes') return true;
  return database.kind === 'pglite' && database.firstStart;
}

/** Mulberry32: a small, fast, seeded generator (deterministic demo data, not cryptography). */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    between: (min: number, max: number) => min + (max - min) * next(),
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
type Random = ReturnType<typeof generator>;

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Huỳnh',
  'Võ',
  'Phan',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const MIDDLE_MEN = ['Văn', 'Minh', 'Quốc', 'Hữu', 'Thanh', 'Đức', 'Công', 'Hoàng'];
const MIDDLE_WOMEN = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Mỹ', 'Kim', 'Bích', 'Hồng'];
const GIVEN_MEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Hải',
  'Hiếu',
  'Khoa',
  'Long',
  'Nam',
  'Phong',
  'Quang',
  'Sơn',
  'Tài',
  'Thắng',
  'Trung',
  'Vinh',
];
const GIVEN_WOMEN = [
  'Anh',
  'Châu',
  'Diễm',
  'Giang',
  'Hà',
  'Hạnh',
  'Hương',
  'Lan',
  'Linh',
  'Mai',
  'Ngân',
  'Nhung',
  'Phương',
  'Thảo',
  'Trang',
  'Yến',
];

function personName(random: Random): string {
  const woman = random.chance(0.5);
  return [
    random.pick(FAMILY),
    random.pick(woman ? MIDDLE_WOMEN : MIDDLE_MEN),
    random.pick(woman ? GIVEN_WOMEN : GIVEN_MEN),
  ].join(' ');
}

const INTAKE_ITEMS = [
  'Bản sao Giấy chứng nhận quyền sử dụng đất còn thiếu trang 3, 4',
  'Tờ khai chưa có chữ ký của người yêu cầu',
  'Bản chụp căn cước không rõ nét',
];
const SUPPLEMENT_ITEMS = [
  'Bản vẽ hiện trạng có xác nhận của đơn vị đo đạc',
  'Văn bản ủy quyền có chứng thực',
  'Giấy tờ chứng minh nơi cư trú',
];
const REFUSALS = [
  'Thủ tục không thuộc thẩm quyền giải quyết của cơ quan tiếp nhận.',
  'Người nộp không thuộc đối tượng thực hiện thủ tục.',
];
const REJECTIONS = [
  'Không đủ điều kiện theo quy định; đã trả lời bằng văn bản nêu rõ lý do.',
  'Kết quả thẩm định thực địa không phù hợp với hồ sơ đề nghị.',
];
const WITHDRAWALS = [
  'Người nộp xin rút hồ sơ để bổ sung giấy tờ và nộp lại sau.',
  'Người nộp không còn nhu cầu.',
];
const STOPS = ['Người nộp không bổ sung hồ sơ theo yêu cầu trong thời hạn quy định.'];
const APOLOGIES = ['Cần lấy ý kiến của cơ quan phối hợp nên chưa kịp trả kết quả đúng hẹn.'];

interface Version {
  id: number;
  code: string;
  handlingUnitId: number | null;
  commune: boolean;
  effectiveFrom: IsoDate;
  channels: Array<{ channel: string; duration: { amount: number; unit: DurationUnit } | null }>;
  pause: boolean;
  hasFee: boolean;
}

interface Generated {
  code: string;
  submittedAt: Date;
  versionId: number;
  procedureCode: string;
  receivingUnitId: number;
  handlingUnitId: number;
  applicantUserId: number | null;
  applicant: object;
  channel: 'online' | 'counter' | 'post';
  createdBy: number;
  actions: Array<{ action: DossierAction; actor: number | null; unit: number | null; reason: string | null }>;
  state: DossierState;
  rating: (ReturnType<typeof ratingRow> & { ratedBy: number; ratedAt: Date }) | null;
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
  const existing = await db.selectFrom('dossiers').select('id').limit(1).executeTakeFirst();
  if (existing) return null;
  const now = options.now ?? new Date();
  const count = options.count ?? 5000;
  const random = generator(options.seed ?? 2026);
  const cutoff = new Date(now.getTime() - 60_000);
  const today = vietnamDate(now);

  const units = await db
    .selectFrom('units')
    .select(['id', 'kind', 'tier', 'agency_code', 'valid_from', 'valid_until'])
    .execute();
  const centre = units.find(
    (u) => u.kind === 'service_centre' && u.tier === 'province' && u.valid_until === null,
  );
  const unitById = new Map(units.map((u) => [u.id, u]));
  const versions: Version[] = (
    await db
      .selectFrom('procedure_versions as v')
      .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
      .select([
        'v.id',
        'p.code',
        'v.handling_unit_id',
        'v.levels',
        'v.effective_from',
        'v.channels',
        'v.deadline_policy',
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
    (await db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]),
  );
  const user = (name: string) => userIds.get(name) ?? null;
  const creator = user('admin') ?? userIds.values().next().value!;
  const receiver = user('tiepnhan');
  const staff = new Map<number, { specialist: number | null; leader: number | null }>();
  for (const [code, specialist, leader] of [
    ['000.00.14.H53', 'chuyenvien', 'lanhdao'],
    ['000.00.16.H53', 'chuyenvien.xd', 'lanhdao.xd'],
  ] as const) {
    const unit = units.find((u) => u.agency_code === code && u.valid_until === null);
    if (unit) staff.set(unit.id, { specialist: user(specialist), leader: user(leader) });
  }

  const { calendar, hours } = await new CalendarService(db).load();
  /** `amount` working hours after `from` (counted in office hours, like an appointment). */
  const later = (from: Date, workingHours: number) =>
    computeDueDate(from, Math.max(0, workingHours), 'working-hours', calendar, hours).dueAt;
  /** The instant `fraction` of the working time from `a` to `b`. */
  const between = (a: Date, b: Date, fraction: number) =>
    later(a, (fraction * workingMinutesBetween(a, b, calendar, hours)) / 60);
  const dueFor = (version: Version, channel: string, receivedAt: Date) => {
    const duration =
      (
        version.channels.find((c) => c.channel === channel) ??
        version.channels.find((c) => c.channel === 'counter')
      )?.duration ?? null;
    // No published time: the officer gives an appointment, here five working days.
    const { amount, unit } = duration ?? { amount: 5, unit: 'working-days' as const };
    return computeDueDate(receivedAt, amount, unit, calendar, hours).dueAt;
  };

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
    for (let i = 1; i <= 60; i += 1) {
      const name = personName(random);
      const row = await trx
        .insertInto('users')
        .values({
          username: `congdan.mau${String(i).padStart(2, '0')}`,
          full_name: name,
          email: null,
          phone: null,
          kind: 'citizen',
          identity_number: null,
          primary_unit_id: null,
          password_hash: citizenPassword,
          status: 'disabled',
        })
        .onConflict((oc) => oc.column('username').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) continue;
      await trx
        .insertInto('role_grants')
        .values({ user_id: row.id, role: 'citizen', unit_id: null })
        .execute();
      applicants.push({ id: row.id, name });
    }
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
    for (let n = 0; n < count; n += 1) {
      const dossier = generate();
      if (dossier) generated.push(dossier);
    }

    function generate(): Generated | null {
      // Receipts grow a little over time (half uniform, half denser towards today).
      const r = random.next();
      const position = random.chance(0.5) ? r : Math.sqrt(r);
      let day = addDays(start, Math.min(Math.floor(position * days), days - 1));
      const fraction =
        (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000 / days;
      const wantProvincial = provincial.length > 0 && (communal.length === 0 || random.chance(0.35));
      const pool = (wantProvincial ? provincial : communal).filter((v) => v.effectiveFrom <= day);
      if (pool.length === 0) return null;
      const version = random.pick(pool);
      let handling: number;
      if (version.commune) {
        const open = units.filter(
          (u) =>
            u.kind === 'commune' && u.valid_from <= day && (u.valid_until === null || u.valid_until > day),
        );
        if (open.length === 0) return null;
        handling = random.pick(open).id;
      } else handling = version.handlingUnitId!;
      const receivingUnit = version.commune ? unitById.get(handling)! : unitById.get(centre!.id)!;
      if (!receivingUnit.agency_code) return null;
      const offered = new Set(version.channels.map((c) => c.channel));
      const onlineShare = 0.3 + 0.4 * fraction;
      const roll = random.next();
      let channel: 'online' | 'counter' | 'post' =
        roll < onlineShare ? 'online' : roll > 0.96 ? 'post' : 'counter';
      if (!offered.has(channel))
        channel = offered.has('counter') ? 'counter' : (version.channels[0]!.channel as typeof channel);
      const atCounter = receivingUnit.id === centre!.id ? receiver : null;
      const people = staff.get(handling) ?? { specialist: null, leader: null };
      const applicantUserId = channel === 'online' ? pickApplicant() : null;

      let submittedAt: Date;
      if (channel === 'online') {
        submittedAt = vietnamInstant(day, random.int(6 * 60, 22 * 60 + 59));
      } else {
        while (!calendar.isWorkingDay(day)) day = addDays(day, 1);
        const session = random.pick(hours.sessions);
        submittedAt = vietnamInstant(day, random.int(session.start, session.end - 20));
      }
      if (submittedAt >= cutoff) return null;

      const actions: Generated['actions'] = [];
      let rating: Generated['rating'] = null;
      let state = foldActions([]);
      let last = submittedAt;
      const push = (
        action: DossierAction,
        actor: number | null,
        unit: number | null,
        reason: string | null = null,
      ): boolean => {
        let at = new Date(action.at);
        if (at <= last && actions.length > 0) at = new Date(last.getTime() + 60_000);
        if (at >= cutoff) return false;
        const stamped = { ...action, at: at.toISOString() };
        state = applyAction(state, stamped);
        actions.push({ action: stamped, actor, unit, reason });
        last = at;
        return true;
      };
      const go = (steps: Array<() => boolean>) => steps.every((step) => step());

      const intakeActor = channel === 'online' ? null : atCounter;
      push(
        { type: 'submitted', at: submittedAt.toISOString(), channel },
        channel === 'online' ? applicantUserId : atCounter,
        channel === 'online' ? null : receivingUnit.id,
      );
      let receivedAt: Date;
      if (channel === 'online') {
        const fate = random.next();
        if (fate < 0.01) {
          const at = later(submittedAt, random.between(0.5, 8));
          push(
            { type: 'intake_refused', at: at.toISOString(), reason: random.pick(REFUSALS) },
            atCounter,
            receivingUnit.id,
            REFUSALS[0],
          );
          return finish();
        }
        if (fate < 0.04) {
          const items = [random.pick(INTAKE_ITEMS)];
          const asked = later(submittedAt, random.between(0.5, 8));
          if (
            !push(
              { type: 'intake_supplement_requested', at: asked.toISOString(), items },
              atCounter,
              receivingUnit.id,
              items.join('; '),
            )
          )
            return finish();
          const provided = new Date(asked.getTime() + random.between(0.5, 6) * 86_400_000);
          if (!push({ type: 'supplemented', at: provided.toISOString() }, applicantUserId, null))
            return finish();
          receivedAt = later(provided, random.between(0.5, 8));
        } else receivedAt = later(submittedAt, random.between(0.3, 10));
      } else if (channel === 'post') receivedAt = later(submittedAt, random.between(0.5, 6));
      else receivedAt = later(submittedAt, random.between(0.1, 0.3));

      const dueAt = dueFor(version, channel, receivedAt);
      if (
        !push(
          { type: 'accepted', at: receivedAt.toISOString(), dueAt: dueAt.toISOString() },
          intakeActor,
          receivingUnit.id,
        )
      )
        return finish();

      // The part of the appointment the agency works towards: from receipt, or from the supplement.
      let clockFrom = receivedAt;
      let due = dueAt;
      const span = workingMinutesBetween(receivedAt, dueAt, calendar, hours);
      const supplement = span > 3 * 480 && random.chance(0.04);
      const exit = random.next();
      const late = random.chance(0.055);

      let requestedAt: Date | null = null;
      if (supplement) {
        requestedAt = later(receivedAt, random.between(2, 20));
        const provided = new Date(requestedAt.getTime() + random.between(1, 10) * 86_400_000);
        due = version.pause
          ? new Date(dueAt.getTime() + (provided.getTime() - requestedAt.getTime()))
          : dueFor(version, channel, provided);
        clockFrom = provided;
      }
      // When it ends (resolved, withdrawn or stopped) if nothing cuts it short.
      const endAt = late
        ? later(due, random.between(1, 40))
        : between(clockFrom, due, 0.15 + 0.8 * Math.sqrt(random.next()));
      const assignedAt = between(receivedAt, requestedAt ?? endAt, 0.1);
      if (people.specialist !== null) {
        if (
          !push(
            { type: 'assigned', at: assignedAt.toISOString(), assigneeId: people.specialist },
            people.leader,
            handling,
          )
        )
          return finish();
      }
      if (requestedAt) {
        const items = [random.pick(SUPPLEMENT_ITEMS)];
        if (
          !push(
            { type: 'supplement_requested', at: requestedAt.toISOString(), items },
            people.specialist,
            handling,
            items.join('; '),
          )
        )
          return finish();
        if (
          !push(
            { type: 'supplemented', at: clockFrom.toISOString(), newDueAt: due.toISOString() },
            applicantUserId,
            null,
          )
        )
          return finish();
      }
      if (exit < 0.015) {
        const at = between(clockFrom, endAt, random.between(0.2, 0.8));
        const reason = random.pick(WITHDRAWALS);
        push({ type: 'withdrawn', at: at.toISOString(), reason }, applicantUserId ?? atCounter, null, reason);
        return finish();
      }
      if (exit < 0.02) {
        const at = between(clockFrom, endAt, random.between(0.3, 0.9));
        const reason = random.pick(STOPS);
        push({ type: 'stopped', at: at.toISOString(), reason }, people.leader, handling, reason);
        return finish();
      }
      if (exit < 0.028) return finish(); // stuck: still open, overdue once the appointment passes
      if (late && random.chance(0.5)) {
        const at = between(clockFrom, due, 0.4);
        const oneDayBefore = computeDueDate(at, 1, 'working-days', calendar, hours).dueAt;
        if (oneDayBefore <= due) {
          const reason = APOLOGIES[0]!;
          const newDueAt = later(endAt, random.between(2, 16));
          if (
            !push(
              { type: 'apologised', at: at.toISOString(), reason, newDueAt: newDueAt.toISOString() },
              people.leader,
              handling,
              reason,
            )
          )
            return finish();
        }
      }
      const rejected = random.chance(0.03);
      const reason = random.pick(REJECTIONS);
      const resolved = go([
        () =>
          push(
            { type: 'sent_for_approval', at: between(clockFrom, endAt, 0.85).toISOString() },
            people.specialist,
            handling,
          ),
        () =>
          push(
            rejected
              ? { type: 'rejected', at: endAt.toISOString(), reason }
              : { type: 'approved', at: endAt.toISOString() },
            people.leader,
            handling,
            rejected ? reason : null,
          ),
      ]);
      if (!resolved) return finish();
      if (!rejected && version.hasFee && random.chance(0.5)) {
        const asked = later(endAt, random.between(0.5, 2));
        const amountVnd = random.pick([50_000, 100_000, 200_000, 500_000]);
        if (
          !go([
            () =>
              push(
                { type: 'payment_requested', at: asked.toISOString(), amountVnd },
                atCounter,
                receivingUnit.id,
              ),
            () =>
              push(
                { type: 'payment_confirmed', at: later(asked, random.between(1, 24)).toISOString() },
                atCounter,
                receivingUnit.id,
              ),
          ])
        )
          return finish();
      }
      const method =
        channel === 'online' && random.chance(0.6) ? 'online' : channel === 'post' ? 'post' : 'counter';
      const returnedAt =
        method === 'online'
          ? new Date(last.getTime() + random.between(0.5, 3) * 3_600_000)
          : later(last, random.between(0.5, 24));
      if (
        !push({ type: 'result_returned', at: returnedAt.toISOString(), method }, atCounter, receivingUnit.id)
      )
        return finish();
      if (applicantUserId !== null && random.chance(0.45)) {
        const ratedAt = new Date(returnedAt.getTime() + random.between(0.1, 4) * 86_400_000);
        const wasLate =
          state.completedAt !== null &&
          state.originalDueAt !== null &&
          state.completedAt > state.originalDueAt;
        const score = (good: number): Score => (random.chance(good) ? 2 : random.chance(0.8) ? 1 : 0);
        const satisfaction: Satisfaction = random.chance(wasLate ? 0.35 : 0.03)
          ? 'khong-hai-long'
          : random.chance(0.55)
            ? 'rat-hai-long'
            : 'hai-long';
        const values = ratingRow(state, {
          contacts: score(0.7),
          bodies: score(0.75),
          attitude: score(wasLate ? 0.4 : 0.8),
          satisfaction,
        });
        if (
          push(
            { type: 'rated', at: ratedAt.toISOString(), total: values.total, satisfaction },
            applicantUserId,
            null,
          )
        )
          rating = { ...values, ratedBy: applicantUserId, ratedAt };
      }
      return finish();

      function finish(): Generated {
        const name =
          applicantUserId !== null
            ? applicantNames.get(applicantUserId) || personName(random)
            : personName(random);
        return {
          code: '',
          versionId: version.id,
          procedureCode: version.code,
          receivingUnitId: receivingUnit.id,
          handlingUnitId: handling,
          applicantUserId,
          submittedAt,
          applicant: {
            fullName: name,
            phone: `09${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
            address: 'Tỉnh Tây Ninh',
          },
          channel,
          createdBy: channel === 'online' ? applicantUserId! : (atCounter ?? creator),
          actions,
          state,
          rating,
        };
      }
    }
    return write(trx, generated, started);
  });
}

/** Gives the codes in submission order and writes the rows, a few thousand per statement. */
async function write(
  trx: Kysely<Database>,
  generated: Generated[],
  started: number,
): Promise<DemoDossierResult> {
  generated.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
  const agencyCodes = new Map(
    (await trx.selectFrom('units').select(['id', 'agency_code']).execute()).map((u) => [
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
  const ids = new Map<string, number>();
  for (const chunk of chunks(generated, 1000)) {
    const rows = await trx
      .insertInto('dossiers')
      .values(
        chunk.map((d) => ({
          code: d.code,
          procedure_version_id: d.versionId,
          procedure_code: d.procedureCode,
          receiving_unit_id: d.receivingUnitId,
          handling_unit_id: d.handlingUnitId,
          applicant_user_id: d.applicantUserId,
          applicant: JSON.stringify(d.applicant),
          channel: d.channel,
          form_data: '{}',
          status: d.state.status,
          submitted_at: d.submittedAt,
          received_at: d.state.receivedAt,
          due_at: d.state.dueAt,
          original_due_at: d.state.originalDueAt,
          completed_at: d.state.completedAt,
          assignee_id: d.state.assigneeId,
          created_by: d.createdBy,
          action_count: d.actions.length,
          created_at: d.submittedAt,
          updated_at: new Date(d.actions.at(-1)!.action.at),
        })),
      )
      .returning(['id', 'code'])
      .execute();
    for (const row of rows) ids.set(row.code!, row.id);
  }
  const actions = generated.flatMap((d) =>
    d.actions.map((entry, index) => ({
      dossier_id: ids.get(d.code)!,
      seq: index + 1,
      type: entry.action.type,
      at: new Date(entry.action.at),
      actor_user_id: entry.actor,
      actor_unit_id: entry.unit,
      reason: entry.reason,
      payload: JSON.stringify(entry.action),
      idempotency_key: null,
    })),
  );
  for (const chunk of chunks(actions, 4000)) await trx.insertInto('dossier_actions').values(chunk).execute();
  const ratings = generated.filter((d) => d.rating !== null);
  for (const chunk of chunks(ratings, 2000))
    await trx
      .insertInto('dossier_ratings')
      .values(
        chunk.map((d) => {
          const { total: _total, ratedBy, ratedAt, ...values } = d.rating!;
          return { dossier_id: ids.get(d.code)!, rated_by: ratedBy, rated_at: ratedAt, ...values };
        }),
      )
      .execute();
  const counterRows = [...counters].map(([key, last]) => {
    const [agency, day] = key.split('|') as [string, string];
    return { agency_code: agency, day, last_number: last };
  });
  for (const chunk of chunks(counterRows, 4000))
    await trx
      .insertInto('dossier_code_counters')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['agency_code', 'day']).doUpdateSet({
          last_number: sql`greatest(dossier_code_counters.last_number, excluded.last_number)`,
        }),
      )
      .execute();
  const received = generated
    .filter((d) => d.state.receivedAt !== null)
    .map((d) => d.state.receivedAt!)
    .sort();
  return {
    dossiers: generated.length,
    actions: actions.length,
    ratings: ratings.length,
    from: received.length > 0 ? vietnamDate(new Date(received[0]!)) : '',
    to: received.length > 0 ? vietnamDate(new Date(received.at(-1)!)) : '',
    ms: Math.round(performance.now() - started),
  };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
