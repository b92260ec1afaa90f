/**
 * Carrying over the registers of an agency's previous document software: each entry becomes a
 * document of this platform whose history starts with `carried_over` (issued with its số, or
 * registered with its số đến), then — for an incoming one — the direction and resolution that
 * software recorded. Numbers are taken from the same series and counters as the platform's own
 * (store/numbering.ts), in the order given, so the registers continue without a gap or a repeat;
 * the history goes through the one writer (store/history.ts), so each entry is an evidence stream
 * like any other. Used by the demo data; an agency's real register export would come the same way.
 */
import type { Kysely } from 'kysely';
import { formatDocumentNumber, INCOMING_SERIES, MAIN_SERIES } from '@tayninh/domain/documents/notation';
import { withWords } from '@tayninh/domain/documents/search';
import type { DocumentEvent } from '@tayninh/domain/documents/lifecycle';
import { vietnamDate } from '../../../lib/time';
import type { Database, DocumentRecipient } from '../../../db/schema';
import { appendEvents, insertDocument } from './history';
import { takeNumberFor } from './numbering';
import { searchTextOf } from './search';

interface Common {
  /** The agency whose register it is. */
  unitId: number;
  kind: string;
  subject: string;
  urgency: 'normal' | 'urgent' | 'very_urgent' | 'flash';
  pageAmount: number;
  signerName: string;
  signerPosition: string;
  /** Sent or received electronically (false: on paper). */
  electronic: boolean;
  /** What the previous software recorded of its signatures. */
  personSigned: boolean;
  agencySigned: boolean;
  dueDate: string | null;
}

export type CarriedOverDocument = Common &
  (
    | {
        direction: 'outgoing';
        draftingUnitId: number;
        /** Its ký hiệu, formed by the agency's settings (documentNotation). */
        codeNotation: string;
        issuedAt: Date;
        recipients: DocumentRecipient[];
      }
    | {
        direction: 'incoming';
        arrivedAt: Date;
        issuer: { organId: string | null; name: string };
        origin: { codeNumber: string; codeNotation: string; issuedDate: string };
        /** The unit it was directed to, the opinion, when; then when it was resolved (if it was). */
        directed: { at: Date; unitId: number; opinion: string } | null;
        completedAt: Date | null;
      }
  );

export interface CarryOverOptions {
  /** The previous software's name, shown with every entry. */
  system: string;
  /** Who carries the registers over (the agency's văn thư, or the administrator). */
  byUserId: number;
}

/** Writes the entries in their order, inside the caller's transaction; returns their ids. */
export async function carryOverDocuments(
  trx: Kysely<Database>,
  entries: readonly CarriedOverDocument[],
  options: CarryOverOptions,
): Promise<number[]> {
  const ids: number[] = [];
  for (const entry of entries) {
    const actor = { userId: options.byUserId, unitId: entry.unitId };
    const at = entry.direction === 'outgoing' ? entry.issuedAt : entry.arrivedAt;
    const series = entry.direction === 'outgoing' ? MAIN_SERIES : INCOMING_SERIES;
    const common = {
      direction: entry.direction,
      unit_id: entry.unitId,
      kind: entry.kind,
      subject: entry.subject,
      urgency: entry.urgency,
      page_amount: entry.pageAmount,
      signer_name: entry.signerName,
      signer_position: entry.signerPosition,
      due_date: entry.dueDate,
      electronic: entry.electronic,
      created_by: options.byUserId,
      carried_over: JSON.stringify({
        system: options.system,
        personSigned: entry.personSigned,
        agencySigned: entry.agencySigned,
      }),
    };
    const signatures = { person: entry.personSigned, agency: entry.agencySigned };
    await takeNumberFor(
      trx,
      { unitId: entry.unitId, series, at, takenBy: options.byUserId },
      async ({ number }) => {
        const day = vietnamDate(at);
        if (entry.direction === 'outgoing') {
          const codeNumber = formatDocumentNumber(number);
          const values = {
            ...common,
            drafting_unit_id: entry.draftingUnitId,
            recipients: JSON.stringify(entry.recipients),
          };
          const event: DocumentEvent = {
            type: 'carried_over',
            at: at.toISOString(),
            system: options.system,
            direction: 'outgoing',
            number: { series, number, codeNumber, codeNotation: entry.codeNotation, issuedDate: day },
            signatures,
          };
          const searchable = { ...values, code_number: codeNumber, code_notation: entry.codeNotation };
          const { id } = await insertDocument(
            trx,
            { ...values, search_text: searchTextOf(searchable) },
            event,
            actor,
          );
          ids.push(id);
          return id;
        }
        const values = {
          ...common,
          issuer_organ_id: entry.issuer.organId,
          issuer_organ_name: entry.issuer.name,
          origin_code_number: entry.origin.codeNumber,
          origin_code_notation: entry.origin.codeNotation,
          origin_issued_date: entry.origin.issuedDate,
          recipients: '[]',
        };
        const { id, state } = await insertDocument(
          trx,
          { ...values, search_text: withWords(searchTextOf(values), String(number)) },
          {
            type: 'carried_over',
            at: at.toISOString(),
            system: options.system,
            direction: 'incoming',
            arrival: { series, number, date: day },
            signatures,
          },
          actor,
        );
        const later: DocumentEvent[] = [];
        if (entry.directed)
          later.push({
            type: 'directed',
            at: entry.directed.at.toISOString(),
            lead: { unitId: entry.directed.unitId },
            coordinators: [],
            dueDate: entry.dueDate,
            opinion: entry.directed.opinion,
          });
        if (entry.directed && entry.completedAt)
          later.push({ type: 'completed', at: entry.completedAt.toISOString(), replyDocumentId: null });
        if (later.length > 0) await appendEvents(trx, id, { actionCount: 1, state }, later, actor);
        ids.push(id);
        return id;
      },
    );
  }
  return ids;
}

/** Whether the platform holds any document yet (the demo carries over into an empty one only). */
export async function holdsDocuments(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('documents').select('id').limit(1).executeTakeFirst()) !== undefined;
}
