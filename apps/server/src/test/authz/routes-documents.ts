/** The route table (4/4): official documents (module documents). */
import { expect } from 'vitest';
import { multipart, PNG } from '../dossier-data';
import { documentDraft } from './build-documents';
import { period, type Case, type RouteSpec } from './cases';
import {
  ALLOW_READ,
  ALLOW_REFUSED,
  DENY_403,
  DENY_404,
  SKIP,
  holds,
  isAdmin,
  isOwner,
  mayDraft,
  maySeeDocument,
  type Expectation,
} from './oracle';
import { persona, UNIT_CODES, UNIT_KEYS, world, type DocumentFixture, type PersonaKey } from './world';

const documents = () => Object.values(world.documents);

function documentRead(suffix: string) {
  return (): Case[] =>
    documents().map((n) => ({
      target: n.key,
      request: () => ({ method: 'GET', url: `/api/documents/${n.id}${suffix}` }),
      expect: (key) => (maySeeDocument(key, n) ? ALLOW_READ : DENY_404),
    }));
}

/** Hidden: 404; visible but not this person's step: 403; theirs: a write, not sent. */
function step(n: DocumentFixture, key: PersonaKey, mine: boolean): Expectation {
  if (!maySeeDocument(key, n)) return DENY_404;
  return mine ? SKIP : DENY_403;
}

const draftBody = () => documentDraft(world.userIds['lanhdao.xd']!, world.unitIds.Y);

export const DOCUMENT_ROUTES: Record<string, RouteSpec> = {
  'POST /api/documents': {
    access: 'signed-in',
    cases: () => [
      {
        target: '-',
        write: true,
        request: () => ({ method: 'POST', url: '/api/documents', payload: draftBody() }),
        // X has document settings and leaderX may sign there; Y has none (422); the province's
        // leader drafts for UBND tỉnh, where leaderX may not sign (422).
        expect: (key) =>
          !mayDraft(key)
            ? DENY_403
            : holds(persona(key), ['specialist', 'leader'], 'X') &&
                !persona(key).grants.some((g) => g.subtree)
              ? SKIP
              : ALLOW_REFUSED,
      },
    ],
  },
  'POST /api/documents/paper': {
    access: 'signed-in',
    cases: () => [
      {
        target: '-',
        write: true,
        request: () => ({
          method: 'POST',
          url: '/api/documents/paper',
          payload: {
            kind: 'cong-van',
            subject: 'Văn bản giấy',
            issuerName: 'Công an tỉnh Tây Ninh',
            issuedDate: '2026-01-05',
          },
        }),
        // Paper arrivals are the receiving agency's văn thư's (a clerk grant), no one else's: X's
        // văn thư would receive it (a write, not sent; documents-paper.http.test.ts runs it).
        expect: (key) => (holds(persona(key), ['clerk'], 'X') ? SKIP : DENY_403),
      },
    ],
  },
  'GET /api/documents': {
    access: 'signed-in',
    cases: () => [
      {
        target: 'outgoing',
        request: () => ({ method: 'GET', url: '/api/documents?register=outgoing&pageSize=100' }),
        expect: () => ALLOW_READ,
        // The register lists no document the person may not see.
        check: (key, response) => {
          const listed = new Set(response.json<{ items: Array<{ id: number }> }>().items.map((i) => i.id));
          for (const n of documents())
            expect({ key, n: n.key, listed: listed.has(n.id) }).toEqual({
              key,
              n: n.key,
              listed: maySeeDocument(key, n),
            });
        },
      },
    ],
  },
  'GET /api/documents/officials': {
    access: 'signed-in',
    cases: () => [
      {
        target: 'leaders of X',
        request: () => ({
          method: 'GET',
          url: `/api/documents/officials?unitId=${world.unitIds.X}&role=leader`,
        }),
        // Names of officials are for officials: a citizen is refused.
        expect: (key) => (persona(key).citizen ? DENY_403 : ALLOW_READ),
      },
    ],
  },
  'GET /api/documents/{id}/files/{fileId}': {
    access: 'document',
    cases: () =>
      documents().map((n) => ({
        target: n.key,
        request: () => ({ method: 'GET', url: `/api/documents/${n.id}/files/${n.fileId}` }),
        expect: (key) => (maySeeDocument(key, n) ? ALLOW_READ : DENY_404),
      })),
  },
  'POST /api/documents/{id}/files': {
    access: 'document',
    cases: () =>
      documents().map((n) => ({
        target: n.key,
        write: true,
        request: () => ({
          method: 'POST',
          url: `/api/documents/${n.id}/files?purpose=attachment`,
          ...multipart('phu-luc.png', PNG),
        }),
        // The drafter's own draft files; an image is refused (415), a submitted draft (409).
        expect: (key) => step(n, key, isOwner(key, n.owner)),
      })),
  },
  'DELETE /api/documents/{id}/attachments/{position}': {
    access: 'document',
    cases: () =>
      documents().map((n) => ({
        target: n.key,
        write: true,
        request: () => ({ method: 'DELETE', url: `/api/documents/${n.id}/attachments/1` }),
        expect: (key) => step(n, key, isOwner(key, n.owner)),
      })),
  },
  'GET /api/documents/{id}': { access: 'document', cases: documentRead('') },
  'GET /api/documents/{id}/history': { access: 'document', cases: documentRead('/history') },
  'GET /api/documents/{id}/allowed-actions': { access: 'document', cases: documentRead('/allowed-actions') },
  'GET /api/documents/{id}/file.pdf': { access: 'document', cases: documentRead('/file.pdf') },
  'PUT /api/documents/{id}/draft': {
    access: 'document',
    cases: () =>
      documents().map((n) => ({
        target: n.key,
        write: true,
        request: () => ({ method: 'PUT', url: `/api/documents/${n.id}/draft`, payload: draftBody() }),
        // The drafter revises while the draft is with them; submitted, it is not (409).
        expect: (key) => {
          const e = step(n, key, isOwner(key, n.owner));
          return e === SKIP && n.status !== 'drafting' ? ALLOW_REFUSED : e;
        },
      })),
  },
  'POST /api/documents/{id}/actions': {
    access: 'document',
    cases: () =>
      documents().flatMap((n): Case[] => [
        {
          target: `${n.key} submit`,
          write: true,
          request: () => ({
            method: 'POST',
            url: `/api/documents/${n.id}/actions`,
            payload: { type: 'submit' },
          }),
          expect: (key) => {
            const e = step(n, key, isOwner(key, n.owner));
            return e === SKIP && n.status !== 'drafting' ? ALLOW_REFUSED : e;
          },
        },
        {
          target: `${n.key} approve`,
          write: true,
          request: () => ({
            method: 'POST',
            url: `/api/documents/${n.id}/actions`,
            payload: { type: 'approve' },
          }),
          // The content is approved by a leader of the drafting unit, once submitted.
          expect: (key) => {
            if (!maySeeDocument(key, n)) return DENY_404;
            // Not submitted: nobody's step (the policy answers before the lifecycle).
            if (n.status !== 'content_review') return DENY_403;
            return holds(persona(key), ['leader'], n.agency) ? SKIP : DENY_403;
          },
        },
      ]),
  },
  // One's own signing key (module trust): each signed-in person sees and changes only their own.
  'GET /api/trust/me/signing-key': {
    access: 'self',
    cases: () => [
      {
        target: '-',
        request: () => ({ method: 'GET', url: '/api/trust/me/signing-key' }),
        expect: () => ALLOW_READ,
        // The world holds no keys: nobody is told of one.
        check: (_key, response) => expect(response.json()).toMatchObject({ held: false, hasPin: false }),
      },
    ],
  },
  'PUT /api/trust/me/signing-key/pin': {
    access: 'self',
    cases: () => [
      {
        target: '-',
        write: true,
        request: () => ({
          method: 'PUT',
          url: '/api/trust/me/signing-key/pin',
          payload: { newPin: '135790' },
        }),
        // Nobody's key is held in the world: refused (409), never someone else's changed.
        expect: () => ALLOW_REFUSED,
      },
    ],
  },
  'POST /api/trust/demo/signing-certificates': {
    access: 'signed-in',
    cases: () => [
      {
        target: '-',
        write: true,
        request: () => ({
          method: 'POST',
          url: '/api/trust/demo/signing-certificates',
          payload: { publicKey: 'A'.repeat(200) },
        }),
        // Officials only (citizens 403); without the demo PKI's issuing key 404, or 422 for a key
        // that is no SubjectPublicKeyInfo; 429 once the route's rate limit (10 a minute) is spent.
        expect: (key) => ({ allow: persona(key).citizen ? [403, 429] : [404, 422, 429] }),
      },
    ],
  },
  'GET /api/registers/documents': { access: 'unit', cases: registerRead('/api/registers/documents') },
  'GET /api/registers/documents.pdf': { access: 'unit', cases: registerRead('/api/registers/documents.pdf') },
  'GET /api/registers/documents.xlsx': {
    access: 'unit',
    cases: registerRead('/api/registers/documents.xlsx'),
  },
};

/**
 * A register of an agency: its văn thư, its leaders (over their subtree) and the administrator
 * (the documents journey tests the secret books, the văn thư's alone).
 */
function registerRead(path: string) {
  return (): Case[] =>
    UNIT_KEYS.flatMap((unit) =>
      (['outgoing', 'tracking'] as const).map((register) => ({
        target: `${unit}/${register}`,
        request: () => ({
          method: 'GET' as const,
          url: `${path}?unit=${UNIT_CODES[unit]}&register=${register}&${period()}`,
        }),
        expect: (key: PersonaKey) =>
          isAdmin(persona(key)) || holds(persona(key), ['leader', 'clerk'], unit) ? ALLOW_READ : DENY_403,
      })),
    );
}
