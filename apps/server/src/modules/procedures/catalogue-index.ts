/**
 * In-memory search index of the procedures in force today. The catalogue is small (the province
 * publishes about 2,000 procedures) and read far more often than written, so searching it in
 * process answers as-you-type queries in well under a millisecond, where the SQL full-text
 * search cost several milliseconds of planning and scanning per keystroke.
 *
 * Freshness: the index is rebuilt when the catalogue's revision in the database changes (checked
 * at most once a second, so every instance of a multi-instance deployment follows within a
 * second), when the date changes (versions take effect at midnight), and at once when this
 * instance publishes.
 */
import { versionInForce } from './repo';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { vietnamDate } from '../../lib/time';
import { foldVietnamese } from '../../lib/vietnamese';
import { TextIndex } from './text-index';

export interface CatalogueEntry {
  id: number;
  code: string;
  name: string;
  fieldCode: string;
  fieldName: string;
  levels: string[];
  implementingAgency: string;
  handlingUnitId: number | null;
  handlingUnitName: string | null;
  onlineLevel: number | null;
  onlineClass: string | null;
  channels: Array<{ channel: string; duration: { amount: number; unit: string } | null }>;
  version: number;
  /** Folded name without a leading "thu tuc", for exact and prefix bonuses. */
  rankName: string;
}

export interface CatalogueQuery {
  q?: string;
  field?: string;
  unitId?: number;
  level?: string;
  onlineLevel?: number;
  onlineClass?: string;
  page: number;
  pageSize: number;
}

interface State {
  date: string;
  revision: string;
  entries: CatalogueEntry[];
  byId: Map<number, CatalogueEntry>;
  index: TextIndex;
}

const CHECK_INTERVAL_MS = 1000;

export class CatalogueIndex {
  private state: State | null = null;
  private lastCheck = 0;
  private pending: Promise<State> | null = null;

  constructor(private readonly db: Kysely<Database>) {}

  /** Forces a revision check on the next search (after this instance changed the catalogue). */
  markStale(): void {
    this.lastCheck = 0;
  }

  private async revision(): Promise<string> {
    const result = await sql<{ revision: string }>`
      select concat_ws(':', (select coalesce(max(version_id), 0) from procedure_search),
                            (select count(*) from procedure_search),
                            (select coalesce(max(updated_at)::text, '') from units_view)) as revision`.execute(
      this.db,
    );
    return result.rows[0]!.revision;
  }

  private async build(date: string, revision: string): Promise<State> {
    const rows = await this.db
      .selectFrom('procedure_search as s')
      .leftJoin('procedure_fields as f', 'f.code', 's.field_code')
      .leftJoin('units_view as u', 'u.id', 's.handling_unit_id')
      .select([
        's.version_id',
        's.code',
        's.name',
        's.field_code',
        'f.name as field_name',
        's.levels',
        's.implementing_agency',
        's.handling_unit_id',
        'u.name as handling_unit_name',
        's.online_level',
        's.online_class',
        's.channel_durations',
        's.version',
        's.search_name',
      ])
      .where('s.effective_from', '<=', date)
      .where((eb) => eb.or([eb('s.effective_until', 'is', null), eb('s.effective_until', '>', date)]))
      .orderBy('s.code')
      .execute();
    const entries: CatalogueEntry[] = rows.map((row) => ({
      id: row.version_id,
      code: row.code,
      name: row.name,
      fieldCode: row.field_code,
      fieldName: row.field_name ?? '',
      levels: row.levels,
      implementingAgency: row.implementing_agency,
      handlingUnitId: row.handling_unit_id,
      handlingUnitName: row.handling_unit_name,
      onlineLevel: row.online_level,
      onlineClass: row.online_class,
      channels: row.channel_durations as CatalogueEntry['channels'],
      version: row.version,
      rankName: row.search_name,
    }));
    const index = new TextIndex(
      entries.map((entry) => ({
        id: entry.id,
        primary: entry.name,
        secondary: `${entry.code} ${entry.fieldName} ${entry.implementingAgency}`,
      })),
    );
    return { date, revision, entries, byId: new Map(entries.map((entry) => [entry.id, entry])), index };
  }

  private async current(): Promise<State> {
    const now = Date.now();
    const date = vietnamDate(new Date());
    if (this.state && this.state.date === date && now - this.lastCheck < CHECK_INTERVAL_MS) return this.state;
    // One rebuild at a time; concurrent searches wait for it.
    this.pending ??= (async () => {
      try {
        const revision = await this.revision();
        this.lastCheck = Date.now();
        if (this.state && this.state.date === date && this.state.revision === revision) return this.state;
        this.state = await this.build(date, revision);
        return this.state;
      } finally {
        this.pending = null;
      }
    })();
    return this.pending;
  }

  private memoFor: State | null = null;
  private memo = new Map<string, Promise<unknown>>();

  /**
   * A value derived from the catalogue and the units (the version of a procedure in force, the
   * provincial service centre…), kept until either changes or the day turns: the same revision
   * check as the search index, so another server process's change is seen within a second.
   */
  async cached<T>(key: string, load: (db: Kysely<Database>, date: string) => Promise<T>): Promise<T> {
    const state = await this.current();
    if (this.memoFor !== state) {
      this.memo.clear();
      this.memoFor = state;
    }
    let hit = this.memo.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = load(this.db, state.date);
      this.memo.set(key, hit);
      hit.catch(() => this.memo.delete(key));
    }
    return hit;
  }

  /** The version of a procedure in force today (Vietnam date), as versionInForce. */
  versionInForce(code: string) {
    return this.cached(`version:${code}`, (db, date) => versionInForce(db, code, date));
  }

  async search(query: CatalogueQuery): Promise<{ items: CatalogueEntry[]; total: number }> {
    const state = await this.current();
    const matches = (entry: CatalogueEntry) =>
      (query.field === undefined || entry.fieldCode === query.field) &&
      (query.unitId === undefined || entry.handlingUnitId === query.unitId) &&
      (query.level === undefined || entry.levels.includes(query.level)) &&
      (query.onlineLevel === undefined || entry.onlineLevel === query.onlineLevel) &&
      (query.onlineClass === undefined || entry.onlineClass === query.onlineClass);

    let ordered: CatalogueEntry[];
    const phrase = query.q ? foldVietnamese(query.q) : '';
    if (!phrase) {
      ordered = state.entries.filter(matches);
    } else {
      const code = query.q!.trim();
      const scored = [...state.index.search(phrase)].flatMap(([id, score]) => {
        const entry = state.byId.get(id);
        if (!entry || !matches(entry)) return [];
        // Exact code, then the name as typed, then a name starting with it, then relevance.
        const bonus =
          (entry.code === code ? 100 : 0) +
          (entry.rankName === phrase
            ? 50
            : entry.rankName.startsWith(phrase)
              ? 30
              : entry.rankName.includes(phrase)
                ? 20
                : 0);
        return [{ entry, bonus, score }];
      });
      scored.sort(
        (a, b) =>
          b.bonus - a.bonus ||
          b.score - a.score ||
          a.entry.name.length - b.entry.name.length ||
          a.entry.code.localeCompare(b.entry.code),
      );
      ordered = scored.map((item) => item.entry);
    }
    const start = (query.page - 1) * query.pageSize;
    return { items: ordered.slice(start, start + query.pageSize), total: ordered.length };
  }
}
