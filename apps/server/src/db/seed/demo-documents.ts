/**
 * Demo documents, so that the registers, the search and the leaders' dashboard have content on a
 * fresh embedded database: about 2,300 register entries of the three demo agencies (UBND tỉnh, Sở
 * Xây dựng, UBND phường Tân Ninh) over the year before the platform went live (two weeks ago), as
 * their previous document software recorded them — carried over (documents/store/carry-over.ts),
 * never presented as signed here: each is marked as coming from that software, whose archive keeps
 * its files and signatures; what it recorded of them feeds the indicators.
 *
 * The mix, as a provincial agency's year looks: công văn half of the outgoing, then decisions,
 * reports, plans, notices, invitations, submissions; 10% khẩn, 4% thượng khẩn, 1% hỏa tốc; 4% on
 * paper (not signed digitally), of the rest 88% signed by the competent person and 85% by the
 * agency (the plan reports over 70%). Incoming from the province's own departments and communes
 * (real names and identifier codes from the org tree) and a ministry; 35% with a deadline of ten
 * days; the leader directs them to the unit that handles them within two days, most are resolved
 * within twelve (some late), the last weeks' still open. Deterministic (seeded generator).
 */
import type { Kysely } from 'kysely';
import { documentNotation } from '@tayninh/domain/documents/notation';
import type { Database } from '../schema';
import {
  agencyOf,
  carryOverDocuments,
  holdsDocuments,
  type CarriedOverDocument,
} from '../../modules/documents';
import { generator, type Random } from './demo-data';
import { personName } from './demo-names';
import { DEMO_COMMUNES } from './users';

/** The previous software's name shown with each entry (a generic reading: agencies used several). */
export const PREVIOUS_SOFTWARE = 'Phần mềm quản lý văn bản và điều hành (trước khi chuyển đổi)';

const DAY = 86_400_000;

const TOPICS: Record<'province' | 'construction' | 'ward', string[]> = {
  province: [
    'cải cách hành chính',
    'chuyển đổi số',
    'phòng, chống thiên tai',
    'giải ngân vốn đầu tư công',
    'sắp xếp đơn vị hành chính cấp xã',
    'thu ngân sách nhà nước',
    'an toàn giao thông',
  ],
  construction: [
    'quy hoạch xây dựng',
    'cấp giấy phép xây dựng',
    'trật tự xây dựng',
    'phát triển nhà ở xã hội',
    'quản lý chất lượng công trình',
    'giá vật liệu xây dựng',
  ],
  ward: [
    'trật tự đô thị',
    'vệ sinh môi trường',
    'chỉnh trang đô thị',
    'bảo đảm an ninh trật tự',
    'chính sách an sinh xã hội',
    'chuyển đổi số cấp xã',
  ],
};

const OUTGOING_KINDS: Array<
  [kind: string, weight: number, subject: (topic: string, month: number) => string]
> = [
  ['cong-van', 50, (t) => `Về việc tăng cường công tác ${t}`],
  ['cong-van', 10, (t, m) => `Về việc báo cáo tình hình ${t} tháng ${m}`],
  ['quyet-dinh', 12, (t) => `Về việc thành lập Tổ công tác ${t}`],
  ['bao-cao', 9, (t, m) => `Báo cáo kết quả ${t} tháng ${m}`],
  ['ke-hoach', 7, (t) => `Kế hoạch triển khai công tác ${t}`],
  ['thong-bao', 6, (t) => `Thông báo kết luận cuộc họp về ${t}`],
  ['giay-moi', 4, (t) => `Mời dự hội nghị sơ kết công tác ${t}`],
  ['to-trinh', 2, (t) => `Về việc đề nghị phê duyệt kinh phí ${t}`],
];

const INCOMING: Array<[kind: string, notation: string, subject: (topic: string, month: number) => string]> = [
  ['cong-van', 'VP', (t) => `Về việc đề nghị phối hợp thực hiện ${t}`],
  ['cong-van', 'VP', (t, m) => `Về việc cung cấp số liệu ${t} tháng ${m}`],
  ['bao-cao', 'BC', (t, m) => `Báo cáo tình hình ${t} tháng ${m}`],
  ['ke-hoach', 'KH', (t) => `Kế hoạch phối hợp ${t}`],
  ['thong-bao', 'TB', (t) => `Thông báo về ${t}`],
];

interface Agency {
  key: keyof typeof TOPICS;
  unitId: number;
  name: string;
  draftingUnitId: number;
  abbreviation: string;
  draftingAbbreviation: string | null;
  signer: { name: string; position: string };
  outgoing: number;
  incoming: number;
}

/** Days from the first entry to go-live, Vietnam office hours (08:00–16:30 on weekdays). */
function officeTime(random: Random, from: number, to: number): Date {
  for (;;) {
    const day = new Date(from + Math.floor(random.between(0, (to - from) / DAY)) * DAY);
    const weekday = new Date(day.getTime() + 7 * 3600_000).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const start = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 1, 0); // 08:00 ICT
    return new Date(start + Math.floor(random.between(0, 8.5 * 3600_000)));
  }
}

const urgency = (random: Random) => {
  const r = random.next();
  return r < 0.85 ? 'normal' : r < 0.95 ? 'urgent' : r < 0.99 ? 'very_urgent' : 'flash';
};

function signatures(random: Random) {
  const electronic = random.chance(0.96);
  return {
    electronic,
    personSigned: electronic && random.chance(0.88),
    agencySigned: electronic && random.chance(0.85),
  };
}

const monthOf = (at: Date) => new Date(at.getTime() + 7 * 3600_000).getUTCMonth() + 1;
const isoDay = (at: Date) => new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

export interface DemoDocumentsResult {
  documents: number;
  from: string;
  to: string;
  ms: number;
}

/** Seeds the demo documents; does nothing (null) when documents exist or the demo agencies are missing. */
export async function seedDemoDocuments(
  db: Kysely<Database>,
  options: { now?: Date } = {},
): Promise<DemoDocumentsResult | null> {
  const started = performance.now();
  if (await holdsDocuments(db)) return null;
  const people = await db
    .selectFrom('users_view')
    .select(['id', 'username', 'full_name', 'primary_unit_id'])
    .where('username', 'in', ['vanthu', 'vanthu.xd', 'vanthu.xa', 'lanhdao.ubnd', 'lanhdao.xd', 'chutich.xa'])
    .execute();
  const person = (username: string) => people.find((p) => p.username === username);
  const ward = await db
    .selectFrom('units_view')
    .select('id')
    .where('admin_area_code', '=', DEMO_COMMUNES.tanNinh)
    .where('valid_until', 'is', null)
    .executeTakeFirst();
  const clerks = ['vanthu', 'vanthu.xd', 'vanthu.xa'].map(person);
  if (!ward || clerks.some((c) => !c?.primary_unit_id)) return null;
  const agencies: Agency[] = [];
  const plan = [
    { key: 'province', clerk: 'vanthu', signer: 'lanhdao.ubnd', position: 'Phó Chủ tịch', out: 450, in: 650 },
    {
      key: 'construction',
      clerk: 'vanthu.xd',
      signer: 'lanhdao.xd',
      position: 'Giám đốc',
      out: 320,
      in: 380,
    },
    { key: 'ward', clerk: 'vanthu.xa', signer: 'chutich.xa', position: 'Chủ tịch', out: 180, in: 320 },
  ] as const;
  for (const p of plan) {
    // The agency the văn thư keeps the registers of (vanthu works in the Văn phòng of UBND tỉnh).
    const agency = await agencyOf(db, Number(p.key === 'ward' ? ward.id : person(p.clerk)!.primary_unit_id));
    if (!agency) return null;
    const { unitId, settings } = agency;
    const [drafting, abbreviation] = Object.entries(settings.unitAbbreviations).find(
      ([id]) => Number(id) !== unitId,
    ) ?? [String(unitId), settings.unitAbbreviations[String(unitId)] ?? null];
    const unit = await db
      .selectFrom('units_view')
      .select('name')
      .where('id', '=', unitId)
      .executeTakeFirstOrThrow();
    agencies.push({
      key: p.key,
      unitId,
      name: unit.name,
      draftingUnitId: Number(drafting),
      abbreviation: settings.agencyAbbreviation,
      draftingAbbreviation: abbreviation,
      signer: { name: person(p.signer)?.full_name ?? 'Lãnh đạo cơ quan', position: p.position },
      outgoing: p.out,
      incoming: p.in,
    });
  }
  const issuers = await db
    .selectFrom('units_view')
    .select(['id', 'name', 'agency_code'])
    .where('kind', 'in', ['department', 'commune'])
    .where('valid_until', 'is', null)
    .where('agency_code', 'is not', null)
    .orderBy('id')
    .limit(60)
    .execute();
  const now = options.now ?? new Date();
  const to = now.getTime() - 14 * DAY;
  const from = to - 350 * DAY;
  const random = generator(20191694);
  const entries: CarriedOverDocument[] = [];
  for (const agency of agencies) {
    const others = agencies.filter((a) => a !== agency);
    for (let i = 0; i < agency.outgoing; i += 1) {
      const [kind, , subject] = random.weighted(OUTGOING_KINDS, ([, w]) => w);
      const issuedAt = officeTime(random, from, to);
      const target = random.pick(others);
      const unit = random.pick(issuers);
      entries.push({
        direction: 'outgoing',
        unitId: agency.unitId,
        draftingUnitId: agency.draftingUnitId,
        kind,
        subject: subject(random.pick(TOPICS[agency.key]), monthOf(issuedAt)),
        urgency: urgency(random),
        pageAmount: random.int(1, 6),
        signerName: agency.signer.name,
        signerPosition: agency.signer.position,
        ...signatures(random),
        dueDate:
          kind === 'cong-van' && random.chance(0.3) ? isoDay(new Date(issuedAt.getTime() + 10 * DAY)) : null,
        codeNotation: documentNotation({
          kind,
          agency: agency.abbreviation,
          unit: agency.draftingAbbreviation,
        }),
        issuedAt,
        recipients: [
          { unitId: target.unitId, name: target.name, purpose: 'action' },
          ...(Number(unit.id) === target.unitId
            ? []
            : [{ unitId: Number(unit.id), name: unit.name, purpose: 'information' as const }]),
        ],
      });
    }
    for (let i = 0; i < agency.incoming; i += 1) {
      const [kind, notation, subject] = random.pick(INCOMING);
      const arrivedAt = officeTime(random, from, to);
      const issuer = random.chance(0.08)
        ? { id: 0, name: 'Bộ Xây dựng', agency_code: null }
        : random.pick(issuers);
      const deadline = random.chance(0.35) ? new Date(arrivedAt.getTime() + 10 * DAY) : null;
      const open = arrivedAt.getTime() > to - 20 * DAY && random.chance(0.6);
      const directedAt = new Date(arrivedAt.getTime() + random.between(0.1, 2) * DAY);
      const completedAt = new Date(
        arrivedAt.getTime() + random.between(1, deadline && random.chance(0.93) ? 9 : 14) * DAY,
      );
      entries.push({
        direction: 'incoming',
        unitId: agency.unitId,
        kind,
        subject: subject(random.pick(TOPICS[agency.key]), monthOf(arrivedAt)),
        urgency: urgency(random),
        pageAmount: random.int(1, 8),
        signerName: personName(random),
        signerPosition: kind === 'cong-van' ? 'Phó Giám đốc' : 'Giám đốc',
        ...signatures(random),
        dueDate: deadline ? isoDay(deadline) : null,
        arrivedAt,
        issuer: { organId: issuer.agency_code, name: issuer.name },
        origin: {
          codeNumber: String(random.int(1, 900)).padStart(2, '0'),
          codeNotation: `${kind === 'cong-van' ? '' : `${notation}-`}${abbreviationOf(issuer.name)}`,
          issuedDate: isoDay(new Date(arrivedAt.getTime() - random.int(0, 2) * DAY)),
        },
        directed:
          open && random.chance(0.5)
            ? null
            : {
                at: directedAt,
                unitId: agency.draftingUnitId,
                opinion: 'Giao đơn vị chủ trì tham mưu xử lý.',
              },
        completedAt: open || completedAt.getTime() > to ? null : completedAt,
      });
    }
  }
  // In time order, so each series is numbered as it was used.
  entries.sort((a, b) => timeOf(a) - timeOf(b));
  await db.transaction().execute(async (trx) => {
    for (const agency of agencies) {
      const clerk = clerks[agencies.indexOf(agency)]!;
      await carryOverDocuments(
        trx,
        entries.filter((e) => e.unitId === agency.unitId),
        { system: PREVIOUS_SOFTWARE, byUserId: Number(clerk.id) },
      );
    }
  });
  return {
    documents: entries.length,
    from: isoDay(new Date(from)),
    to: isoDay(new Date(to)),
    ms: performance.now() - started,
  };
}

const timeOf = (e: CarriedOverDocument) => (e.direction === 'outgoing' ? e.issuedAt : e.arrivedAt).getTime();

/** A plausible ký hiệu of the issuing agency: UBND for a People's Committee, else its initials (Bộ Xây dựng → BXD). */
function abbreviationOf(name: string): string {
  if (/^(Ủy ban nhân dân|UBND)\b/iu.test(name)) return 'UBND';
  const initials = name
    .split(/\s+/)
    .filter((w) => /^\p{L}/u.test(w))
    .map((w) => w[0]!.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase())
    .join('');
  return (initials || 'CQ').slice(0, 8);
}
