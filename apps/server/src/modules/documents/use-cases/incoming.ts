/**
 * The incoming flow (NĐ 30/2020 Điều 20–24): reception after the signatures are checked (or the
 * return to the sender with the reason), registration with the agency's số đến, direction by
 * the leader — the lead (chủ trì), the coordinators (phối hợp), a deadline in working days —
 * and assignment on to a specialist.
 */
import type { Kysely } from 'kysely';
import type { Assignee } from '@tayninh/domain/documents/lifecycle';
import { incomingSeries } from '@tayninh/domain/documents/notation';
import { withWords } from '@tayninh/domain/documents/search';
import type { Database } from '../../../db/schema';
import { conflict, unprocessable } from '../../../http/errors';
import { vietnamDate } from '../../../lib/time';
import type { Principal } from '../../auth';
import { calendarOf, computeDueDate } from '../../calendar';
import type { LoadedDocument } from '../load';
import { currentMain, filesOf, readFileBytes } from '../store/files';
import { appendEvents } from '../store/history';
import { takeNumber } from '../store/numbering';
import { refuseDuplicates, requireScan, suspectedDuplicates, type DuplicateProbe } from './paper';
import { actorOf, checkSignatures, record } from './record';
import type { SigningContext } from './signing';

/**
 * `receive`: the văn thư accepts an electronic document whose signatures verify; one that looks
 * received already (the same document, or the same số/ký hiệu from the same issuer) is refused
 * with the earlier ones named unless the văn thư confirms it is another.
 */
export async function receive(
  ctx: SigningContext,
  principal: Principal,
  loaded: LoadedDocument,
  confirmDuplicate = false,
) {
  if (!confirmDuplicate) refuseDuplicates(await suspectedDuplicates(ctx.db, probeOf(loaded)));
  const file = currentMain(await filesOf(ctx.db, Number(loaded.row.id)));
  if (!file) throw conflict('no_file', 'Văn bản đến không có tệp.', 'The incoming document has no file.');
  const verdict = await checkSignatures(ctx.db, await readFileBytes(ctx.files, file.sha256));
  if (!verdict.ok)
    throw unprocessable(
      'signature_invalid',
      `Không tiếp nhận được: ${verdict.problems.join('; ')}. Hãy trả lại nơi gửi (return-to-sender) kèm lý do.`,
      'The signatures do not verify: return it to the sender with the reason.',
    );
  await record(ctx.db, principal, loaded, {
    type: 'received',
    at: new Date().toISOString(),
    channel: 'electronic',
    fromDocumentId: loaded.row.source_document_id,
  });
}

/** What identifies a received document, for the duplicate check. */
export function probeOf(loaded: LoadedDocument): DuplicateProbe {
  const { row } = loaded;
  return {
    unitId: Number(row.unit_id),
    excludeId: Number(row.id),
    sourceDocumentId: row.source_document_id === null ? null : Number(row.source_document_id),
    codeNumber: row.origin_code_number,
    codeNotation: row.origin_code_notation,
    issuedDate: row.origin_issued_date === null ? null : String(row.origin_issued_date).slice(0, 10),
    organId: row.issuer_organ_id,
    organName: row.issuer_organ_name,
  };
}

/** `register`: the next số đến of the agency's year (paper and electronic share it; secret apart). */
export async function register(
  db: Kysely<Database>,
  principal: Principal,
  loaded: LoadedDocument,
  presentedTo: number | null,
) {
  requireScan(loaded, currentMain(await filesOf(db, Number(loaded.row.id))) !== null);
  const at = new Date();
  const series = incomingSeries(loaded.row.secrecy);
  const id = Number(loaded.row.id);
  await db.transaction().execute(async (trx) => {
    const { number } = await takeNumber(trx, {
      unitId: Number(loaded.row.unit_id),
      series,
      at,
      takenBy: principal.userId,
      documentId: id,
    });
    await appendEvents(
      trx,
      id,
      loaded,
      [
        {
          type: 'registered',
          at: at.toISOString(),
          series,
          arrivalNumber: number,
          arrivalDate: vietnamDate(at),
          presentedTo,
        },
      ],
      actorOf(principal),
      // The số đến joins what the document is found by.
      { extra: { search_text: withWords(loaded.row.search_text, String(number)) } },
    );
  });
}

export interface DirectInput {
  lead: Assignee;
  coordinators: Assignee[];
  dueDate?: string | null;
  workingDays?: number | null;
  opinion: string;
}

/** A deadline of `days` working days from now (the calendar module), as a Vietnam date. */
export async function workingDayDeadline(db: Kysely<Database>, days: number): Promise<string> {
  const { calendar, hours } = await calendarOf(db).load();
  return vietnamDate(computeDueDate(new Date(), days, 'working-days', calendar, hours).dueAt);
}

async function checkUnits(db: Kysely<Database>, people: Assignee[]) {
  const ids = [...new Set(people.map((p) => p.unitId))];
  const found = await db.selectFrom('units_view').select('id').where('id', 'in', ids).execute();
  if (found.length !== ids.length)
    throw unprocessable(
      'unknown_unit',
      'Có đơn vị được giao không tồn tại.',
      'An assigned unit does not exist.',
    );
  const users = people.filter((p) => p.userId).map((p) => p.userId!);
  if (users.length > 0) {
    const rows = await db.selectFrom('users_view').select('id').where('id', 'in', users).execute();
    if (rows.length !== new Set(users).size)
      throw unprocessable(
        'unknown_user',
        'Có người được giao không tồn tại.',
        'An assigned person does not exist.',
      );
  }
}

async function nextAssigneeSeq(trx: Kysely<Database>, id: number) {
  const row = await trx
    .selectFrom('document_assignees')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('document_id', '=', id)
    .executeTakeFirst();
  return Number(row?.seq ?? 0) + 1;
}

/** `direct`: the leader names the lead (chủ trì), the coordinators (phối hợp) and the deadline. */
export async function direct(
  db: Kysely<Database>,
  principal: Principal,
  loaded: LoadedDocument,
  input: DirectInput,
) {
  await checkUnits(db, [input.lead, ...input.coordinators]);
  const dueDate =
    input.dueDate ?? (input.workingDays ? await workingDayDeadline(db, input.workingDays) : null);
  const at = new Date();
  const id = Number(loaded.row.id);
  await record(
    db,
    principal,
    loaded,
    {
      type: 'directed',
      at: at.toISOString(),
      lead: input.lead,
      coordinators: input.coordinators,
      dueDate,
      opinion: input.opinion,
    },
    {
      then: async (trx) => {
        let seq = await nextAssigneeSeq(trx, id);
        const rows = [
          { role: 'lead' as const, a: input.lead },
          ...input.coordinators.map((a) => ({ role: 'coordinator' as const, a })),
        ];
        await trx
          .insertInto('document_assignees')
          .values(
            rows.map(({ role, a }) => ({
              document_id: id,
              seq: seq++,
              role,
              unit_id: a.unitId,
              user_id: a.userId ?? null,
              due_date: dueDate,
              assigned_by: principal.userId,
              assigned_at: at,
            })),
          )
          .execute();
      },
    },
  );
}

/** `assign`: the lead unit's leader gives it to a specialist (or the agency's leader to a person). */
export async function assign(
  db: Kysely<Database>,
  principal: Principal,
  loaded: LoadedDocument,
  assignee: Assignee,
  dueDate: string | null,
  note: string | undefined,
) {
  await checkUnits(db, [assignee]);
  const at = new Date();
  const id = Number(loaded.row.id);
  await record(
    db,
    principal,
    loaded,
    { type: 'assigned', at: at.toISOString(), assignee, dueDate, ...(note ? { note } : {}) },
    {
      then: async (trx) => {
        await trx
          .insertInto('document_assignees')
          .values({
            document_id: id,
            seq: await nextAssigneeSeq(trx, id),
            role: 'assignee',
            unit_id: assignee.unitId,
            user_id: assignee.userId ?? null,
            due_date: dueDate ?? loaded.state.dueDate,
            assigned_by: principal.userId,
            assigned_at: at,
          })
          .execute();
      },
    },
  );
}

/** `return-to-sender`: refused with the reason; the sender's delivery shows it returned. */
export async function returnToSender(
  db: Kysely<Database>,
  principal: Principal,
  loaded: LoadedDocument,
  reason: string,
) {
  await record(
    db,
    principal,
    loaded,
    { type: 'returned_to_sender', at: new Date().toISOString(), reason },
    {
      reason,
      then: async (trx) => {
        await trx
          .updateTable('document_deliveries')
          .set({ state: 'returned', at: new Date() })
          .where('incoming_document_id', '=', loaded.row.id)
          .execute();
      },
    },
  );
}
