import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database';
import { openTestDatabase, unitIdOfCode, userIdOf } from '../../test/harness';
import { insertDocument } from './store/history';
import { cancelNextNumber, numberingYear, numbersOf, takeNumber } from './store/numbering';

describe('document numbers (NĐ 30/2020 Điều 15, 22)', () => {
  let handle: DatabaseHandle;
  let unitId: number;
  let userId: number;
  beforeAll(async () => {
    handle = await openTestDatabase();
    unitId = await unitIdOfCode(handle.db, '000.00.16.H53');
    userId = await userIdOf(handle.db, 'chuyenvien.xd');
  });
  afterAll(async () => handle.close());

  const draft = async (at: Date) =>
    (
      await insertDocument(
        handle.db,
        {
          direction: 'outgoing',
          unit_id: unitId,
          drafting_unit_id: unitId,
          kind: 'quyet-dinh',
          subject: 'Quyết định cấp giấy phép xây dựng',
          urgency: 'normal',
          urgency_deadline: null,
          secrecy: 'none',
          language: 'Tiếng Việt',
          page_amount: 1,
          description: null,
          signer_user_id: null,
          signer_position: null,
          signer_name: null,
          signing_notation: null,
          advisory_body: null,
          due_date: null,
          answers_document_id: null,
          issuer_organ_id: null,
          issuer_organ_name: null,
          source_document_id: null,
          created_by: userId,
        },
        { type: 'drafted', at: at.toISOString(), version: 1 },
        { userId, unitId },
      )
    ).id;

  it('restarts on 1 January, Vietnam time', () => {
    expect(numberingYear(new Date('2026-12-31T16:59:59Z'))).toBe(2026);
    expect(numberingYear(new Date('2026-12-31T17:00:00Z'))).toBe(2027);
  });

  it('gives gap-free, unique numbers to concurrent takers, some of which roll back (property)', async () => {
    const at = new Date('2026-03-02T02:00:00Z');
    let series = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }), async (commits) => {
        series += 1;
        const name = `thu-${series}`;
        const documents = await Promise.all(commits.map(() => draft(at)));
        const outcomes = await Promise.allSettled(
          documents.map((documentId, i) =>
            handle.db.transaction().execute(async (trx) => {
              const taken = await takeNumber(trx, { unitId, series: name, at, takenBy: userId, documentId });
              if (!commits[i]) throw new Error('rolled back after taking');
              return taken.number;
            }),
          ),
        );
        const numbers = outcomes
          .flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []))
          .sort((a, b) => a - b);
        const committed = commits.filter(Boolean).length;
        expect(numbers).toEqual(Array.from({ length: committed }, (_, i) => i + 1));
        const recorded = await numbersOf(handle.db, unitId, 2026, name);
        expect(recorded.map((r) => r.number)).toEqual(numbers);
      }),
      { numRuns: 15 },
    );
  });

  it('records a cancelled number, never gives it again, and starts a new year at 01', async () => {
    const march = new Date('2026-03-03T02:00:00Z');
    const take = (at: Date) =>
      handle.db
        .transaction()
        .execute(async (trx) =>
          takeNumber(trx, { unitId, series: 'hanh-chinh', at, takenBy: userId, documentId: 0 }),
        )
        .catch(() => null);
    expect(await take(march)).toBeNull(); // no such document: refused, nothing taken
    const first = await draft(march);
    const one = await handle.db
      .transaction()
      .execute((trx) =>
        takeNumber(trx, { unitId, series: 'hanh-chinh', at: march, takenBy: userId, documentId: first }),
      );
    const cancelled = await handle.db.transaction().execute((trx) =>
      cancelNextNumber(trx, {
        unitId,
        series: 'hanh-chinh',
        at: march,
        takenBy: userId,
        reason: 'Số đã cấp cho văn bản giấy bị hỏng, không ban hành',
      }),
    );
    const second = await draft(march);
    const three = await handle.db
      .transaction()
      .execute((trx) =>
        takeNumber(trx, { unitId, series: 'hanh-chinh', at: march, takenBy: userId, documentId: second }),
      );
    expect([one.number, cancelled.number, three.number]).toEqual([1, 2, 3]);
    expect(await numbersOf(handle.db, unitId, 2026, 'hanh-chinh')).toEqual([
      { number: 1, documentId: first, state: 'used', reason: null },
      {
        number: 2,
        documentId: null,
        state: 'cancelled',
        reason: 'Số đã cấp cho văn bản giấy bị hỏng, không ban hành',
      },
      { number: 3, documentId: second, state: 'used', reason: null },
    ]);
    const newYear = new Date('2026-12-31T17:30:00Z');
    const january = await draft(newYear);
    const next = await handle.db
      .transaction()
      .execute((trx) =>
        takeNumber(trx, { unitId, series: 'hanh-chinh', at: newYear, takenBy: userId, documentId: january }),
      );
    expect(next).toEqual({ year: 2027, number: 1 });
  });

  it('keeps the numbers taken: no one may change or remove them', async () => {
    await expect(handle.db.deleteFrom('document_numbers').execute()).rejects.toThrow();
    await expect(handle.db.updateTable('document_numbers').set({ number: 99 }).execute()).rejects.toThrow();
  });
});
