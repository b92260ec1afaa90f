/**
 * One demo dossier's history (demo-dossiers.ts explains the mix): generated step by step through
 * the shared lifecycle (`applyAction` refuses any step the rules forbid), its deadlines by the
 * dossier rules (modules/dossiers rules: which duration applies, restart or pause after a
 * supplement, the 3-working-day supplement limit, the apology limit) on the database's calendar,
 * and cut at "now".
 */
import {
  applyAction,
  foldActions,
  type DossierAction,
  type DossierState,
} from '@tayninh/domain/dossiers/lifecycle';
import { applicableDocuments, caseQuestions } from '@tayninh/domain/dossiers/documents';
import { addDays, vietnamInstant } from '../../lib/time';
import { workingMinutesBetween } from '../../modules/calendar';
import {
  dueAfterSupplement,
  mayApologiseAt,
  ratingRow,
  supplementDeadline,
  type ImportedDossier,
  type Satisfaction,
  type Score,
} from '../../modules/dossiers';
import {
  APOLOGIES,
  DEMO_COMMUNE_SHARE,
  INTAKE_ITEMS,
  REFUSALS,
  REJECTIONS,
  STOPS,
  SUPPLEMENT_ITEMS,
  WITHDRAWALS,
  timing,
  type World,
} from './demo-data';
import { personName } from './demo-names';

/** A generated dossier: the store's import record (store/import.ts) with its history in full. */
export type Generated = Pick<
  ImportedDossier,
  | 'versionId'
  | 'procedureCode'
  | 'receivingUnitId'
  | 'handlingUnitId'
  | 'applicantUserId'
  | 'applicant'
  | 'channel'
  | 'createdBy'
  | 'submittedAt'
> & {
  code: string;
  actions: Array<{ action: DossierAction; actor: number | null; unit: number | null; reason: string | null }>;
  state: DossierState;
  rating: (ReturnType<typeof ratingRow> & { ratedBy: number; ratedAt: Date }) | null;
  cases: string[];
  resultDelivery: 'counter' | 'post' | 'online';
  documentsReceived: string[] | null;
};

export function generate(world: World): Generated | null {
  const { random, start, days, cutoff, provincial, communal, units, unitById, centreId } = world;
  const { receivers, staff, pickApplicant, applicantNames, creator, clock } = world;
  const { calendar, hours } = clock;
  const { later, between, dueFor } = timing(clock);
  // Receipts grow a little over time (half uniform, half denser towards today).
  const r = random.next();
  const position = random.chance(0.5) ? r : Math.sqrt(r);
  let day = addDays(start, Math.min(Math.floor(position * days), days - 1));
  const fraction = (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000 / days;
  // Since 1/7/2025 communes handle most citizens' procedures: a fifth go to the province.
  const wantProvincial = provincial.length > 0 && (communal.length === 0 || random.chance(0.2));
  const pool = (wantProvincial ? provincial : communal).filter((v) => v.effectiveFrom <= day);
  if (pool.length === 0) return null;
  const version = random.weighted(pool, (v) => v.weight);
  let handling: number;
  if (version.commune) {
    const open = units.filter(
      (u) => u.kind === 'commune' && u.valid_from <= day && (u.valid_until === null || u.valid_until > day),
    );
    if (open.length === 0) return null;
    const favoured = open.filter((u) => DEMO_COMMUNE_SHARE[u.admin_area_code ?? ''] !== undefined);
    const roll = random.next();
    let share = 0;
    const chosen = favoured.find((u) => roll < (share += DEMO_COMMUNE_SHARE[u.admin_area_code!]!));
    handling = (chosen ?? random.pick(open)).id;
  } else handling = version.handlingUnitId!;
  const receivingUnit = version.commune ? unitById.get(handling)! : unitById.get(centreId)!;
  if (!receivingUnit.agency_code) return null;
  const offered = new Set(version.channels.map((c) => c.channel));
  const onlineShare = 0.3 + 0.4 * fraction;
  const roll = random.next();
  let channel: 'online' | 'counter' | 'post' =
    roll < onlineShare ? 'online' : roll > 0.96 ? 'post' : 'counter';
  if (!offered.has(channel))
    channel = offered.has('counter') ? 'counter' : (version.channels[0]!.channel as typeof channel);
  const atCounter = receivers.get(receivingUnit.id) ?? null;
  const people = staff.get(handling) ?? { specialist: null, leader: null };
  const applicantUserId = channel === 'online' ? pickApplicant() : null;
  // Most applicants are in the ordinary case of each question.
  const cases = caseQuestions(version.cases).map(
    (question) => (random.chance(0.85) ? question.options[0]! : random.pick(question.options)).code,
  );
  const delivery: Generated['resultDelivery'] =
    channel === 'online' && random.chance(0.6) ? 'online' : channel === 'post' ? 'post' : 'counter';
  // At the counter and by post the officer ticks what was brought: every required document.
  const documentsReceived =
    channel === 'online'
      ? null
      : applicableDocuments(version.documents, { cases, channel })
          .filter((doc) => doc.required !== false || random.chance(0.3))
          .map((doc) => doc.code);

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
      if (!push({ type: 'supplemented', at: provided.toISOString() }, applicantUserId, null)) return finish();
      receivedAt = later(provided, random.between(0.5, 8));
    } else receivedAt = later(submittedAt, random.between(0.3, 10));
  } else if (channel === 'post') receivedAt = later(submittedAt, random.between(0.5, 6));
  else receivedAt = later(submittedAt, random.between(0.1, 0.3));

  const dueAt = dueFor(version, channel, receivedAt);
  if (
    !push(
      { type: 'accepted', at: receivedAt.toISOString(), dueAt: dueAt.toISOString() },
      atCounter,
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
    // Within the 3 working days after receipt the rules allow (rules/deadlines.ts).
    const limit = supplementDeadline(receivedAt, clock);
    requestedAt = later(receivedAt, random.between(2, 20));
    if (requestedAt > limit) requestedAt = limit;
    const provided = new Date(requestedAt.getTime() + random.between(1, 10) * 86_400_000);
    due = dueAfterSupplement(
      version.pause ? 'pause' : 'restart',
      { requestedAt, dueAt, providedAt: provided },
      () => dueFor(version, channel, provided),
    );
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
    if (mayApologiseAt(at, due, clock)) {
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
  const method = delivery;
  const returnedAt =
    method === 'online'
      ? new Date(last.getTime() + random.between(0.5, 3) * 3_600_000)
      : later(last, random.between(0.5, 24));
  if (!push({ type: 'result_returned', at: returnedAt.toISOString(), method }, atCounter, receivingUnit.id))
    return finish();
  if (applicantUserId !== null && random.chance(0.45)) {
    const ratedAt = new Date(returnedAt.getTime() + random.between(0.1, 4) * 86_400_000);
    const wasLate =
      state.completedAt !== null && state.originalDueAt !== null && state.completedAt > state.originalDueAt;
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
      cases,
      resultDelivery: delivery,
      documentsReceived,
    };
  }
}
