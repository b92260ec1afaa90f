/**
 * `npm run bench:documents`: the registers and the search of official documents at 1,000,000
 * documents on PostgreSQL, one request at a time beside the trivial route GET /api/health/live of
 * the same server in the same run.
 *
 * The data, generated set-based (INSERT … SELECT over generate_series): two years of documents
 * of the province's agencies in force (departments and communes), UBND tỉnh 5% of them, the other
 * agencies evenly; half outgoing (numbered in their agency's series and year), half incoming
 * (registered with a số đến); subjects from the kinds of document an agency writes, each with a
 * place and a number; the search text as the platform stores it (folded metadata, then about
 * 400 characters of the PDF's words). Urgent 10%, secret 1% (never in the register listings).
 *
 * Scenarios, as the văn thư of UBND tỉnh (`vanthu`) sees them: the incoming and outgoing
 * registers' first page; the register filtered by kind and urgency; search by a common phrase, a
 * rare word, a số/ký hiệu, a bare number; the Phụ lục IV book of a month on screen.
 *
 * BENCH_DOCUMENTS (default 1,000,000), BENCH_RUNS (default 20), BENCH_DATABASE_URL (default the
 * local PostgreSQL; a fresh database, dropped afterwards unless BENCH_KEEP=1).
 */
import { sql } from 'kysely';
import type { DatabaseHandle } from '../apps/server/src/db/database';
import { migrate } from '../apps/server/src/db/migrate';
import { seedDemo } from '../apps/server/src/db/seed/seed';
import { vietnamDate } from '../apps/server/src/lib/time';
import { importDocumentRows } from '../apps/server/src/modules/documents';
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

const COUNT = Number(process.env.BENCH_DOCUMENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const PASSWORD = 'Bench@2026x';
const TARGET_MS = 500;

/** Subjects (folded as stored) and their kinds; the words of the PDFs. */
const SUBJECTS: Array<[string, string]> = [
  ['ke-hoach', 'Kế hoạch phòng cháy, chữa cháy mùa khô'],
  ['quyet-dinh', 'Quyết định ban hành quy chế quản lý kiến trúc'],
  ['cong-van', 'Về việc rà soát hồ sơ thủ tục hành chính tồn đọng'],
  ['bao-cao', 'Báo cáo kết quả thực hiện nhiệm vụ chuyển đổi số'],
  ['thong-bao', 'Thông báo lịch tiếp công dân của lãnh đạo'],
  ['cong-van', 'Về việc đôn đốc giải ngân vốn đầu tư công'],
  ['ke-hoach', 'Kế hoạch tổ chức hội nghị sơ kết công tác cải cách hành chính'],
  ['quyet-dinh', 'Quyết định phê duyệt dự toán kinh phí sửa chữa trụ sở'],
  ['to-trinh', 'Tờ trình đề nghị bổ sung biên chế công chức'],
  ['cong-van', 'Về việc góp ý dự thảo nghị quyết của Hội đồng nhân dân tỉnh'],
];
const WORDS =
  'tinh tay ninh uy ban nhan dan so nganh xa phuong thi tran can cu luat to chuc chinh quyen dia phuong nghi dinh thong tu huong dan thuc hien nhiem vu giai doan nam ke hoach bao cao ket qua de nghi cac don vi phoi hop trien khai kip thoi dam bao tien do chat luong hieu qua kinh phi ngan sach dau tu cong trinh du an dat dai xay dung giao thong nong nghiep moi truong y te giao duc van hoa the thao du lich lao dong thuong binh xa hoi cong an quan su bien phong tai chinh thue hai quan ngan hang kho bac thanh tra tu phap noi vu cong thuong khoa hoc cong nghe thong tin truyen thong'.split(
    ' ',
  );

async function generate(handle: DatabaseHandle, count: number) {
  const subjects = SUBJECTS.map(([, s]) => s);
  const kinds = SUBJECTS.map(([k]) => k);
  await handle.db.transaction().execute(async (trx) => {
    await sql`select setseed(0.1694)`.execute(trx);
    await sql`
      create temp table gen on commit drop as
      with p as (
        select (select array_agg(id order by id) from units
                 where kind in ('department', 'commune') and valid_until is null) as agencies,
          (select id from units where parent_id is null and valid_until is null order by id limit 1) as province,
          ${subjects}::text[] as subjects, ${kinds}::text[] as kinds, ${WORDS}::text[] as words,
          now() - interval '730 days' as origin
      ),
      r as (
        select i, random() as r_unit, random() as r_pick, random() as r_time, random() as r_dir,
          random() as r_urg, random() as r_sec
        from generate_series(1, ${count}) as i
      )
      select r.i,
        case when r_unit < 0.05 then p.province
             else p.agencies[1 + floor(r_pick * array_length(p.agencies, 1))::int] end as unit_id,
        case when r_dir < 0.5 then 'outgoing' else 'incoming' end as direction,
        1 + (r.i % array_length(p.subjects, 1)) as s,
        p.origin + r_time * interval '730 days' as at,
        case when r_urg < 0.1 then 'urgent' else 'normal' end as urgency,
        case when r_sec < 0.01 then 'confidential' else 'none' end as secrecy,
        c.content, p.subjects, p.kinds
      from r cross join p
      cross join lateral (
        select string_agg(p.words[1 + (floor(random() * 1000)::int + x) % array_length(p.words, 1)], ' ') as content
        from generate_series(1, 60 + (r.i % 2)) as x
      ) c`.execute(trx);
    await sql`
      create temp table numbered on commit drop as
      select g.*, extract(year from g.at at time zone 'Asia/Ho_Chi_Minh')::int as year,
        row_number() over (partition by g.unit_id, g.direction, g.secrecy,
          extract(year from g.at at time zone 'Asia/Ho_Chi_Minh') order by g.at, g.i) as n
      from gen g`.execute(trx);
    await importDocumentRows(
      trx,
      [
        'direction',
        'unit_id',
        'drafting_unit_id',
        'kind',
        'subject',
        'urgency',
        'secrecy',
        'status',
        'version',
        'action_count',
        'series',
        'number',
        'code_number',
        'code_notation',
        'issued_date',
        'arrival_series',
        'arrival_number',
        'arrival_date',
        'issuer_organ_name',
        'origin_code_number',
        'origin_code_notation',
        'origin_issued_date',
        'created_by',
        'created_at',
        'updated_at',
        'search_text',
      ],
      sql`
      select n.direction, n.unit_id, case when n.direction = 'outgoing' then n.unit_id end,
        n.kinds[n.s], n.subjects[n.s] || ' (' || n.i || ')', n.urgency, n.secrecy,
        case when n.direction = 'outgoing' then 'issued' else 'completed' end, 1, 6,
        case when n.direction = 'outgoing' then (case when n.secrecy = 'none' then 'hanh-chinh' else 'mat' end) end,
        case when n.direction = 'outgoing' then n.n end,
        case when n.direction = 'outgoing' then (case when n.n < 10 then '0' else '' end || n.n) end,
        case when n.direction = 'outgoing' then 'CV-' || n.unit_id end,
        case when n.direction = 'outgoing' then (n.at at time zone 'Asia/Ho_Chi_Minh')::date end,
        case when n.direction = 'incoming' then (case when n.secrecy = 'none' then 'den' else 'den-mat' end) end,
        case when n.direction = 'incoming' then n.n end,
        case when n.direction = 'incoming' then (n.at at time zone 'Asia/Ho_Chi_Minh')::date end,
        case when n.direction = 'incoming' then 'Sở Tài chính tỉnh Tây Ninh' end,
        case when n.direction = 'incoming' then (n.i % 9000 + 1)::text end,
        case when n.direction = 'incoming' then 'STC-NS' end,
        case when n.direction = 'incoming' then (n.at at time zone 'Asia/Ho_Chi_Minh')::date - 2 end,
        clerk.id, n.at, n.at,
        ' ' || ${sql.raw(foldedSql('n.subjects[n.s]'))} || ' ' || n.i
          || case when n.direction = 'outgoing' then ' ' || (case when n.n < 10 then '0' else '' end || n.n) || ' cv ' || n.unit_id
                  else ' ' || (n.i % 9000 + 1) || ' stc ns so tai chinh tinh tay ninh' end
          || ' ' || n.content || ' '
      from numbered n cross join (select id from users where username = 'admin') clerk`,
    );
  });
  await sql`analyze documents`.execute(handle.db);
}

/** The SQL of foldVietnamese for the fixed subjects (lower case, marks stripped, punctuation as spaces). */
function foldedSql(expr: string): string {
  return `trim(regexp_replace(translate(lower(${expr}), 'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ', 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydaaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd'), '[^a-z0-9.]+', ' ', 'g'))`;
}

async function documentsBench() {
  const { handle, label, drop } = await openBenchDatabase({ purpose: 'documents', postgresOnly: true });
  try {
    await migrate(handle.db);
    await seedDemo(handle.db, { password: PASSWORD });
    console.log(`\nOfficial documents — ${label}, ${COUNT.toLocaleString('en')} documents\n`);
    const generation = await timed(() => generate(handle, COUNT));
    const counts = (
      await sql<{ total: number; agencies: number; size: string }>`
        select count(*)::int as total, count(distinct unit_id)::int as agencies,
          pg_size_pretty(pg_total_relation_size('documents')) as size
        from documents`.execute(handle.db)
    ).rows[0]!;
    console.log(
      `generated in ${seconds(generation.ms)}: ${counts.total.toLocaleString('en')} documents of ${counts.agencies} agencies; table with indexes ${counts.size}`,
    );

    const app = await startBenchApp(handle);
    const { address } = app;
    const { cookie } = await signIn(address, 'vanthu', PASSWORD);
    const get = (path: string) => async () => {
      const response = await fetch(`${address}${path}`, { headers: { cookie } });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    };
    const found = async (path: string) =>
      ((await (await fetch(`${address}${path}`, { headers: { cookie } })).json()) as { total: number }).total;
    const province = (
      await sql<{
        id: number;
      }>`select id from units where parent_id is null and valid_until is null order by id limit 1`.execute(
        handle.db,
      )
    ).rows[0]!.id;
    const sample = (
      await sql<{ code: string; origin: string }>`
        select (select code_number || '/' || code_notation from documents where unit_id = ${province}
                  and direction = 'outgoing' and secrecy = 'none' order by id desc limit 1) as code,
               (select origin_code_number from documents where unit_id = ${province}
                  and direction = 'incoming' order by id desc limit 1) as origin`.execute(handle.db)
    ).rows[0]!;
    const today = vietnamDate(new Date());
    const month = `${today.slice(0, 7)}-01`;
    const list = (query: string) => `/api/documents?${query}`;
    const scenarios: Array<[string, string]> = [
      ['incoming register, first page', list('register=incoming')],
      ['outgoing register, first page', list('register=outgoing')],
      [
        'incoming, this year, urgent plans',
        list(`register=incoming&year=${today.slice(0, 4)}&kind=ke-hoach&urgency=urgent`),
      ],
      [
        'search: a common phrase (phong chay chua chay)',
        list('register=incoming&q=phong%20chay%20chua%20chay'),
      ],
      [
        'search: words of the PDF, no diacritics',
        list('register=outgoing&q=bien%20phong%20hai%20quan%20kho%20bac'),
      ],
      ['search: a rare word (nonexistent: khongcodau)', list('register=incoming&q=khongcodau')],
      [`search: số/ký hiệu ${sample.code}`, list(`register=outgoing&q=${encodeURIComponent(sample.code)}`)],
      [`search: a bare number (${sample.origin})`, list(`register=incoming&q=${sample.origin}`)],
      [
        'Phụ lục IV incoming book, this month (screen)',
        `/api/registers/documents?unit=${province}&register=incoming&from=${month}&to=${today}`,
      ],
      [
        'Phụ lục IV outgoing book, this month (screen)',
        `/api/registers/documents?unit=${province}&register=outgoing&from=${month}&to=${today}`,
      ],
    ];
    const timings: Timing[] = [
      await measure('trivial route GET /api/health/live (baseline)', RUNS, get('/api/health/live')),
    ];
    for (const [name, path] of scenarios) {
      const total = path.startsWith('/api/documents') ? ` → ${(await found(path)).toLocaleString('en')}` : '';
      timings.push(await measure(`${name}${total}`, RUNS, get(path)));
    }
    await app.close();
    printTimings(timings, RUNS);
    const worst = Math.max(...timings.slice(1).map((t) => t.p99));
    console.log(
      `\nTarget: every scenario within ${TARGET_MS} ms → ${worst < TARGET_MS ? 'met' : 'NOT met'} (worst p99 ${worst.toFixed(0)} ms; baseline p99 ${timings[0]!.p99.toFixed(1)} ms)`,
    );
  } finally {
    await handle.close();
    await drop?.();
  }
}

await documentsBench();
