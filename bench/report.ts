/**
 * `npm run bench` (b): the official report Biểu 06/VPCP/KSTT over 1,000,000 dossiers on
 * PostgreSQL. Generates the dossiers set-based (INSERT … SELECT over generate_series), rolls up
 * the closed days (the backfill a first start would do; timed), times the daily run, then times
 * GET /api/stats/report (and the Excel export) one request at a time beside the trivial route
 * GET /api/health/live of the same server in the same run. Target: the report within 500 ms.
 *
 * The data: received 1/1/2024 → now, spread uniformly in time over the 17 departments (30%,
 * received by the provincial service centre) and the communes (70%): the 95 communes of the
 * 2019 tree before 1/7/2025, the 96 communes of the 2025 tree since. Online share growing from
 * 25% to 60%, 5% by post; appointments 1–30 days after receipt; about 7% resolved late, 1.5%
 * withdrawn, 0.5% stopped, 1% refused at intake (never received, not in the report), 0.3% stuck
 * open, the recent ones in progress; 3% with a supplement requested during appraisal (clock
 * restarted when provided; some still awaited). The history (dossier_actions) is written only
 * where the report reads it: the acceptance and supplement entries of those 3%. The report
 * reads the dossiers, those entries and the rollups; full histories would not change it.
 *
 * BENCH_DOSSIERS (default 1,000,000), BENCH_RUNS (default 20), BENCH_DATABASE_URL (default the
 * local PostgreSQL; a fresh database, dropped afterwards unless BENCH_KEEP=1).
 */
import { sql } from 'kysely';
import type { DatabaseHandle } from '../apps/server/src/db/database';
import {
  measure,
  openBenchDatabase,
  printTimings,
  seconds,
  signIn,
  timed,
  type Timing,
  startBenchApp,
} from './lib';
import { migrate } from '../apps/server/src/db/migrate';
import { seedDemo } from '../apps/server/src/db/seed/seed';
import { addDays, vietnamDate } from '../apps/server/src/lib/time';
import { report06 } from '../apps/server/src/modules/stats';
import { rewindRollups, rollUp } from '../apps/server/src/modules/stats';
import { subtreeIds } from '../apps/server/src/modules/org';
import { dossierCodeSql, importDossierRows } from '../apps/server/src/modules/dossiers';

const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const PASSWORD = 'Bench@2026x';
const TARGET_MS = 500;

/** The dossiers, generated in the database (see the header for the distribution). */
async function generate(handle: DatabaseHandle, count: number) {
  await handle.db.transaction().execute(async (trx) => {
    await sql`select setseed(0.2026)`.execute(trx);
    await sql`
      create temp table gen on commit drop as
      with p as (
        select
          (select array_agg(id order by id) from units where kind = 'department' and valid_until is null) as depts,
          (select array_agg(id order by id) from units where kind = 'commune' and valid_until is not null) as old_communes,
          (select array_agg(id order by id) from units where kind = 'commune' and valid_until is null) as new_communes,
          (select id from units where kind = 'service_centre' and valid_until is null order by id limit 1) as centre,
          (select array_agg(id order by id) from procedure_versions where 'province' = any(levels)) as province_versions,
          (select array_agg(id order by id) from procedure_versions where 'commune' = any(levels)) as commune_versions,
          array[1, 3, 5, 7, 10, 15, 20, 30] as due_days,
          timestamptz '2024-01-01 00:00+07' as origin,
          now() - interval '1 minute' as latest
      ),
      r as (
        select i, random() as r_time, random() as r_channel, random() as r_unit, random() as r_pick,
          random() as r_due, random() as r_speed, random() as r_exit, random() as r_supp, random() as r_wait
        from generate_series(1, ${count}) as i
      ),
      a as (
        select r.*, p.*, p.origin + r_time * (p.latest - p.origin) as at,
          r_unit < 0.3 as provincial,
          p.due_days[1 + floor(r_due * 8)::int] as due_d
        from r cross join p
      ),
      b as (
        select a.*,
          case when provincial then depts[1 + floor(r_pick * array_length(depts, 1))::int]
               when at < timestamptz '2025-07-01 00:00+07' then old_communes[1 + floor(r_pick * array_length(old_communes, 1))::int]
               else new_communes[1 + floor(r_pick * array_length(new_communes, 1))::int] end as handling_unit_id,
          case when provincial then province_versions[1 + floor(r_pick * array_length(province_versions, 1))::int]
               else commune_versions[1 + floor(r_pick * array_length(commune_versions, 1))::int] end as version_id,
          case when r_channel < 0.25 + 0.35 * extract(epoch from at - origin) / extract(epoch from latest - origin) then 'online'
               when r_channel > 0.95 then 'post' else 'counter' end as channel,
          case when r_exit < 0.015 then 'withdrawn' when r_exit < 0.02 then 'stopped'
               when r_exit < 0.03 then 'refused' when r_exit > 0.997 then 'stuck' else 'resolved' end as fate,
          r_supp < 0.03 and r_exit >= 0.03 as has_supplement
        from a
      ),
      c as (
        select b.*,
          at + interval '1 day' * due_d as initial_due,
          case when has_supplement then at + interval '1 day' end as requested_at,
          case when has_supplement then at + interval '1 day' * (2 + floor(r_wait * 10)) end as provided_at,
          interval '1 day' * due_d * (0.2 + r_speed ^ 3) as work
        from b
      ),
      d as (
        select c.*,
          case when requested_at >= latest then null else requested_at end as requested,
          case when requested_at >= latest or provided_at >= latest then null else provided_at end as provided
        from c
      ),
      e as (
        select d.*,
          case when provided is not null then provided + interval '1 day' * due_d end as new_due,
          case when fate = 'stuck' or (requested is not null and provided is null) then null
               when fate = 'refused' then at + interval '4 hours'
               when fate in ('withdrawn', 'stopped') then at + work / 2
               else coalesce(provided, at) + work end as planned_end
        from d
      )
      select i, channel, handling_unit_id, case when provincial then centre else handling_unit_id end as receiving_unit_id,
        version_id, at as submitted_at, case when fate = 'refused' then null else at end as received_at,
        case when fate = 'refused' then null else initial_due end as initial_due,
        requested, provided, new_due,
        case when fate = 'refused' then null else coalesce(new_due, initial_due) end as due,
        case when planned_end < latest then planned_end end as completed_at,
        case when planned_end is null or planned_end >= latest then
               case when requested is not null and provided is null then 'supplement_requested' else 'processing' end
             when fate = 'resolved' then 'returned' when fate = 'stuck' then 'processing' else fate end as status
      from e`.execute(trx);
    // The codes as the counter numbers them: per receiving agency and Vietnam day, in submission order.
    const day = sql`((g.submitted_at at time zone 'UTC') + interval '7 hours')`;
    const code = dossierCodeSql(
      sql`ru.agency_code`,
      day,
      sql`row_number() over (partition by g.receiving_unit_id, ${day}::date order by g.submitted_at, g.i)`,
    );
    await importDossierRows(
      trx,
      'dossiers',
      [
        'code',
        'procedure_version_id',
        'procedure_code',
        'receiving_unit_id',
        'handling_unit_id',
        'applicant_user_id',
        'applicant',
        'channel',
        'form_data',
        'status',
        'submitted_at',
        'received_at',
        'due_at',
        'original_due_at',
        'completed_at',
        'created_by',
        'action_count',
      ],
      sql`
      select ${code},
        g.version_id, pr.code, g.receiving_unit_id, g.handling_unit_id,
        case when g.channel = 'online' then citizen.id end,
        jsonb_build_object('fullName', 'Nguyễn Văn Thử ' || g.i, 'identityNumber', lpad(g.i::text, 12, '0'),
          'phone', '09' || lpad((g.i % 100000000)::text, 8, '0'), 'address', 'Tây Ninh'),
        g.channel,
        jsonb_build_object('applicant', jsonb_build_object('fullName', 'Nguyễn Văn Thử ' || g.i),
          'details', jsonb_build_object('note', 'Hồ sơ sinh cho benchmark báo cáo', 'number', g.i)),
        g.status, g.submitted_at, g.received_at, g.due, g.due, g.completed_at,
        case when g.channel = 'online' then citizen.id else officer.id end, 4
      from gen g
      join procedure_versions v on v.id = g.version_id
      join procedures pr on pr.id = v.procedure_id
      join units ru on ru.id = g.receiving_unit_id
      cross join (select id from users where username = 'congdan') citizen
      cross join (select id from users where username = 'tiepnhan') officer`,
    );
    // The history the report reads: acceptance and supplements of the dossiers that had one.
    await importDossierRows(
      trx,
      'dossier_actions',
      ['dossier_id', 'seq', 'type', 'at', 'actor_user_id', 'actor_unit_id', 'reason', 'payload'],
      sql`
      select d.id, x.seq, x.type, x.at, null::bigint, null::bigint, null::text, x.payload
      from gen g
      join dossiers d on d.received_at = g.received_at and d.handling_unit_id = g.handling_unit_id
        and d.submitted_at = g.submitted_at
      cross join lateral (values
        (2, 'accepted', g.received_at, jsonb_build_object('type', 'accepted', 'at', g.received_at, 'dueAt', g.initial_due)),
        (3, 'supplement_requested', g.requested, jsonb_build_object('type', 'supplement_requested', 'at', g.requested,
          'items', jsonb_build_array('Bản sao giấy tờ còn thiếu'))),
        (4, 'supplemented', g.provided, jsonb_build_object('type', 'supplemented', 'at', g.provided, 'newDueAt', g.new_due))
      ) as x (seq, type, at, payload)
      where g.requested is not null and x.at is not null`,
    );
  });
  await sql`analyze dossiers`.execute(handle.db);
  await sql`analyze dossier_actions`.execute(handle.db);
}

async function reportBench() {
  const { handle, label, drop } = await openBenchDatabase({ purpose: 'report', postgresOnly: true });
  try {
    await migrate(handle.db);
    await seedDemo(handle.db, { password: PASSWORD });
    console.log(`\nReport Biểu 06 — ${label}, ${DOSSIERS.toLocaleString('en')} dossiers\n`);

    const generation = await timed(() => generate(handle, DOSSIERS));
    const counts = (
      await sql<{
        total: number;
        received: number;
        open: number;
        actions: number;
        units: number;
        days: number;
      }>`
        select count(*)::int as total, count(received_at)::int as received,
          (count(*) filter (where received_at is not null and completed_at is null))::int as open,
          (select count(*)::int from dossier_actions) as actions,
          count(distinct handling_unit_id)::int as units,
          (max(received_at)::date - min(received_at)::date) as days
        from dossiers`.execute(handle.db)
    ).rows[0]!;
    console.log(
      `generated in ${seconds(generation.ms)}: ${counts.total.toLocaleString('en')} dossiers (${counts.received.toLocaleString('en')} received, ${counts.open.toLocaleString('en')} in progress now) over ${counts.days} days and ${counts.units} handling units; ${counts.actions.toLocaleString('en')} history entries`,
    );

    const backfill = await timed(() => rollUp(handle.db));
    const rows = (
      await sql<{ rows: number }>`select count(*)::int as rows from stats_daily`.execute(handle.db)
    ).rows[0]!.rows;
    console.log(
      `rollup backfill ${backfill.value?.from} → ${backfill.value?.through}: ${seconds(backfill.ms)}, ${rows.toLocaleString('en')} daily rows`,
    );
    // The daily run after midnight: yesterday again.
    const yesterday = backfill.value!.through;
    await rewindRollups(handle.db, yesterday);
    const daily = await timed(() => rollUp(handle.db));
    console.log(`daily rollup run (one closed day): ${daily.ms.toFixed(0)} ms`);

    const app = await startBenchApp(handle);
    const { address } = app;
    const { cookie } = await signIn(address, 'admin', PASSWORD);
    const get = (path: string) => async () => {
      const response = await fetch(`${address}${path}`, { headers: { cookie } });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    };

    const today = vietnamDate(new Date());
    const year = String(Number(today.slice(0, 4)) - 1);
    const month = `${today.slice(0, 7)}-01`;
    const monthEnd = addDays(
      new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 1)).toISOString().slice(0, 10),
      -1,
    );
    const report = (unit: string, from: string, to: string) =>
      `/api/stats/report?unit=${unit}&from=${from}&to=${to}`;
    const province = '000.00.00.H53';
    const construction = '000.00.16.H53';
    const timings: Timing[] = [];
    timings.push(
      await measure('trivial route GET /api/health/live (baseline)', RUNS, get('/api/health/live')),
    );
    timings.push(
      await measure(
        `province, year ${year} (rolled up)`,
        RUNS,
        get(report(province, `${year}-01-01`, `${year}-12-31`)),
      ),
    );
    timings.push(
      await measure(
        `province, month ${today.slice(0, 7)} (today live)`,
        RUNS,
        get(report(province, month, monthEnd)),
      ),
    );
    timings.push(
      await measure(
        `province, ${today.slice(0, 4)}-01-01 → today`,
        RUNS,
        get(report(province, `${today.slice(0, 4)}-01-01`, today)),
      ),
    );
    timings.push(
      await measure(
        `Sở Xây dựng, ${today.slice(0, 4)}-01-01 → today`,
        RUNS,
        get(report(construction, `${today.slice(0, 4)}-01-01`, today)),
      ),
    );
    timings.push(
      await measure(
        `Excel export, province, year ${year}`,
        RUNS,
        get(`/api/stats/report.xlsx?unit=${province}&from=${year}-01-01&to=${year}-12-31`),
      ),
    );
    const provinceUnits = await subtreeIds(handle.db, [1]);
    timings.push(
      await measure(
        `same province year without rollups (live scan)`,
        3,
        async () => {
          await report06(handle.db, provinceUnits, `${year}-01-01`, `${year}-12-31`, { useRollups: false });
        },
        'direct call, for comparison',
      ),
    );
    await app.close();

    printTimings(timings, RUNS);
    const worst = Math.max(...timings.slice(1, 5).map((t) => t.p99));
    console.log(
      `\nTarget: report within ${TARGET_MS} ms → ${worst < TARGET_MS ? 'met' : 'NOT met'} (worst p99 ${worst.toFixed(0)} ms; baseline p99 ${timings[0]!.p99.toFixed(1)} ms)`,
    );
  } finally {
    await handle.close();
    await drop?.();
  }
}

await reportBench();
