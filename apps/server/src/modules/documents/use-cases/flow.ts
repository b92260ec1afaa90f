/**
 * The steps of a document that are history and projection only (no signature): review of a
 * draft, issuance to the recipients, and the incoming flow — reception after the signatures are
 * checked, registration with its số đến, direction by the leader with working-day deadlines,
 * assignment, opinions, completion with the reply, filing, recall and return to the sender.
 */
import type { Kysely } from 'kysely';
import { applyDocumentEvent, type Assignee, type DocumentEvent } from '@tayninh/domain/documents/lifecycle';
import { incomingSeries } from '@tayninh/domain/documents/notation';
import type { Database, DocumentRecipient } from '../../../db/schema';
import { DomainError } from '../../../http/errors';
import { verifyPdf } from '../../../lib/pades';
import { vietnamDate } from '../../../lib/time';
import type { Principal } from '../../auth';
import { calendarOf, computeDueDate } from '../../calendar';
import { checkSignerPath, verificationMaterial } from '../../trust';
import { loadDocument, type LoadedDocument } from '../load';
import { currentMain, filesOf, readFileBytes, saveFile } from '../store/files';
import { appendEvents, insertDocument } from '../store/history';
import { takeNumber } from '../store/numbering';
import { agencyOf } from '../store/settings';
import type { SigningContext } from './signing';

const problem = (code: string, status: number, message: string, messageEn: string) =>
  new DomainError({ code, status, message, messageEn });

const actorOf = (p: Principal) => ({ userId: p.userId, unitId: p.primaryUnitId });

/** Appends one event (the lifecycle checks it first), with extra columns, in its own transaction. */
export async function record(
  db: Kysely<Database>,
  principal: Principal,
  loaded: LoadedDocument,
  event: DocumentEvent,
  options: {
    reason?: string | null;
    idempotencyKey?: string | null;
    then?: (trx: Kysely<Database>) => Promise<void>;
  } = {},
) {
  applyDocumentEvent(loaded.state, event);
  await db.transaction().execute(async (trx) => {
    await appendEvents(trx, Number(loaded.row.id), loaded, [event], actorOf(principal), options);
    await options.then?.(trx);
  });
}

export interface SignatureVerdict {
  ok: boolean;
  signatures: number;
  problems: string[];
}

/** The signatures of a received PDF: each verified, its signer's path valid at its time, not revoked. */
export async function checkSignatures(db: Kysely<Database>, pdf: Uint8Array): Promise<SignatureVerdict> {
  const material = await verificationMaterial(db);
  const checks = await verifyPdf(pdf, { ...material, requireTimestamp: false });
  const problems: string[] = [];
  for (const [i, check] of checks.entries()) {
    if (!check.ok || !check.signerCertificate) {
      problems.push(`Chữ ký ${i + 1}: ${check.problem?.message ?? 'không hợp lệ'}`);
      continue;
    }
    const usage = i === checks.length - 1 && checks.length > 1 ? 'seal' : 'signing';
    const path = await checkSignerPath(
      db,
      check.signerCertificate,
      usage,
      check.timestamp?.genTime ?? new Date(),
      check.certificatePath,
    );
    if (!path.ok) problems.push(`Chữ ký ${i + 1}: ${path.message}`);
  }
  if (checks.length === 0) problems.push('Văn bản điện tử không có chữ ký số.');
  return { ok: problems.length === 0, signatures: checks.length, problems };
}

/** `issue`: inside the deployment each recipient's agency gets its incoming copy at once. */
export async function issue(ctx: SigningContext, principal: Principal, loaded: LoadedDocument) {
  const { row } = loaded;
  const id = Number(row.id);
  const at = new Date();
  const recipients = row.recipients as DocumentRecipient[];
  const list = await filesOf(ctx.db, id);
  const sealed = currentMain(list);
  if (!sealed || sealed.role !== 'sealed')
    throw problem(
      'not_sealed',
      409,
      'Văn bản chưa được cấp số và ký số của cơ quan.',
      'The document has not been numbered and sealed.',
    );
  const secret = row.secrecy !== 'none';
  const pdf = await readFileBytes(ctx.files, sealed.sha256);
  const verdict = secret ? null : await checkSignatures(ctx.db, pdf);
  if (verdict && !verdict.ok)
    throw problem(
      'signature_invalid',
      422,
      `Chữ ký số của văn bản không hợp lệ: ${verdict.problems.join('; ')}`,
      'The document’s signatures do not verify.',
    );
  const targets = await Promise.all(
    recipients.map(async (r) => (r.unitId ? ((await agencyOf(ctx.db, r.unitId))?.unitId ?? r.unitId) : null)),
  );
  const issuer = await ctx.db
    .selectFrom('units_view')
    .select(['name', 'agency_code'])
    .where('id', '=', row.unit_id)
    .executeTakeFirstOrThrow();
  await record(
    ctx.db,
    principal,
    loaded,
    { type: 'issued', at: at.toISOString(), recipients: recipients.length },
    {
      then: async (trx) => {
        for (const [position, recipient] of recipients.entries()) {
          const target = targets[position] ?? null;
          let incoming: number | null = null;
          if (target !== null && !secret) {
            const created = await insertDocument(
              trx,
              {
                direction: 'incoming',
                unit_id: target,
                drafting_unit_id: null,
                kind: row.kind,
                subject: row.subject,
                urgency: row.urgency,
                urgency_deadline: row.urgency_deadline,
                secrecy: row.secrecy,
                page_amount: row.page_amount,
                signer_user_id: null,
                signer_position: row.signer_position,
                signer_name: row.signer_name,
                signing_notation: row.signing_notation,
                due_date: row.due_date,
                answers_document_id: null,
                issuer_organ_id: issuer.agency_code,
                issuer_organ_name: issuer.name,
                source_document_id: id,
                origin_code_number: loaded.state.number?.codeNumber ?? null,
                origin_code_notation: loaded.state.number?.codeNotation ?? null,
                origin_issued_date: loaded.state.number?.issuedDate ?? null,
                recipients: '[]',
                created_by: principal.userId,
              },
              { type: 'delivered', at: at.toISOString(), fromDocumentId: id },
              actorOf(principal),
            );
            incoming = created.id;
            await saveFile(trx, ctx.files, {
              documentId: incoming,
              role: 'received',
              version: 0,
              fileName: sealed.fileName,
              mediaType: 'application/pdf',
              content: pdf,
              createdBy: principal.userId,
              at,
            });
          }
          await trx
            .insertInto('document_deliveries')
            .values({
              document_id: id,
              position,
              unit_id: recipient.unitId ?? null,
              organ_id: recipient.organId ?? null,
              name: recipient.name,
              state: secret ? 'paper' : incoming !== null ? 'delivered' : 'queued_external',
              incoming_document_id: incoming,
              at,
            })
            .execute();
        }
      },
    },
  );
}

/** `receive`: the văn thư accepts an electronic document whose signatures verify. */
export async function receive(ctx: SigningContext, principal: Principal, loaded: LoadedDocument) {
  const file = currentMain(await filesOf(ctx.db, Number(loaded.row.id)));
  if (!file) throw problem('no_file', 409, 'Văn bản đến không có tệp.', 'The incoming document has no file.');
  const verdict = await checkSignatures(ctx.db, await readFileBytes(ctx.files, file.sha256));
  if (!verdict.ok)
    throw problem(
      'signature_invalid',
      422,
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

/** `register`: the next số đến of the agency's year (paper and electronic share it; secret apart). */
export async function register(
  db: Kysely<Database>,
  principal: Principal,
  loaded: LoadedDocument,
  presentedTo: number | null,
) {
  const at = new Date();
  const series = incomingSeries(loaded.row.secrecy);
  const id = Number(loaded.row.id);
  applyDocumentEvent(loaded.state, {
    type: 'registered',
    at: at.toISOString(),
    series,
    arrivalNumber: 1,
    arrivalDate: vietnamDate(at),
    presentedTo,
  });
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
    throw problem(
      'unknown_unit',
      422,
      'Có đơn vị được giao không tồn tại.',
      'An assigned unit does not exist.',
    );
  const users = people.filter((p) => p.userId).map((p) => p.userId!);
  if (users.length > 0) {
    const rows = await db.selectFrom('users_view').select('id').where('id', 'in', users).execute();
    if (rows.length !== new Set(users).size)
      throw problem(
        'unknown_user',
        422,
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

/** `recall`: an issued document is recalled; every copy delivered inside the deployment is withdrawn. */
export async function recall(
  db: Kysely<Database>,
  principal: Principal,
  loaded: LoadedDocument,
  reason: string,
) {
  const at = new Date().toISOString();
  await record(
    db,
    principal,
    loaded,
    { type: 'recalled', at, reason },
    {
      reason,
      then: async (trx) => {
        const deliveries = await trx
          .selectFrom('document_deliveries')
          .selectAll()
          .where('document_id', '=', loaded.row.id)
          .execute();
        for (const d of deliveries) {
          if (d.incoming_document_id !== null) {
            const copy = await loadDocument(trx, Number(d.incoming_document_id), true);
            if (
              copy &&
              ['delivered', 'received', 'awaiting_direction', 'in_progress'].includes(copy.state.status ?? '')
            )
              await appendEvents(
                trx,
                Number(d.incoming_document_id),
                copy,
                [{ type: 'withdrawn_by_sender', at, reason }],
                actorOf(principal),
                { reason },
              );
          }
        }
        await trx
          .updateTable('document_deliveries')
          .set({ state: 'recalled', at: new Date(at) })
          .where('document_id', '=', loaded.row.id)
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
