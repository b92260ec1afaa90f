/** The route table (3/3): dossier-scoped and self-scoped routes. */
import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { DOSSIER_COMMANDS } from '@tayninh/domain/dossiers/commands';
import { PERMIT } from '../dossier-fixtures';
import { type PersonaKey, persona, dossierRowId, evidenceEntryId, world } from './world';
import {
  holds,
  isAdmin,
  isOwner,
  maySee,
  maySeeFile,
  mayCommand,
  type Expectation,
  ALLOW_READ,
  ALLOW_REFUSED,
  DENY_403,
  DENY_404,
  SKIP,
} from './oracle';
import { type RouteSpec, fixtures, everyone, emptyUpload, dossierRead, citizenOnly } from './cases';

export const DOSSIER_ROUTES: Record<string, RouteSpec> = {
  // Evidence of a dossier's history (module evidence): who sees the dossier sees its proofs. The
  // world is never sealed, so an allowed entry proof answers 409 (not sealed yet).
  'GET /api/evidence/dossiers/{code}': {
    access: 'dossier',
    cases: () =>
      fixtures().map((d) => ({
        target: d.key,
        request: () => ({ method: 'GET', url: `/api/evidence/dossiers/${d.code}` }),
        expect: (key) => (maySee(key, d) ? ALLOW_READ : DENY_404),
      })),
  },
  'GET /api/evidence/entries/{id}/proof': {
    access: 'dossier',
    cases: () => [
      ...fixtures().map((d) => ({
        target: `${d.key}#1`,
        request: (): InjectOptions => ({
          method: 'GET',
          url: `/api/evidence/entries/${evidenceEntryId[d.key]}/proof`,
        }),
        expect: (key: PersonaKey): Expectation => (maySee(key, d) ? { allow: [409] } : DENY_404),
      })),
      {
        target: 'audit',
        request: (): InjectOptions => ({
          method: 'GET',
          url: `/api/evidence/entries/${evidenceEntryId.audit}/proof`,
        }),
        expect: (key: PersonaKey): Expectation => (isAdmin(persona(key)) ? { allow: [409] } : DENY_404),
      },
    ],
  },
  // Dossier-scoped --------------------------------------------------------------------------------
  'GET /api/dossiers/{code}': { access: 'dossier', cases: dossierRead('', () => ALLOW_READ) },
  'GET /api/dossiers/{code}/events': { access: 'dossier', cases: dossierRead('/events', () => ALLOW_READ) },
  'GET /api/dossiers/{code}/history': { access: 'dossier', cases: dossierRead('/history', () => ALLOW_READ) },
  'GET /api/dossiers/{code}/allowed-actions': {
    access: 'dossier',
    cases: dossierRead('/allowed-actions', () => ALLOW_READ),
  },
  'GET /api/dossiers/{code}/process-control': {
    access: 'dossier',
    cases: dossierRead('/process-control', () => ALLOW_READ),
  },
  'GET /api/dossiers/{code}/assignees': {
    access: 'dossier',
    // Visible, but only specialists and leaders of the handling unit assign.
    cases: dossierRead('/assignees', (key, d) =>
      holds(persona(key), ['specialist', 'leader'], d.handling) ? ALLOW_READ : DENY_403,
    ),
  },
  'GET /api/dossiers/{code}/slips/{file}': {
    access: 'dossier',
    cases: () =>
      fixtures().flatMap((d) =>
        ['receipt', 'supplement', 'refusal', 'apology', 'control'].map((kind) => ({
          target: `${d.key}/${kind}.pdf`,
          request: () => ({ method: 'GET', url: `/api/dossiers/${d.code}/slips/${kind}.pdf` }),
          // Not every slip exists in every state (409): that is no authorisation matter.
          expect: (key: PersonaKey): Expectation => (maySee(key, d) ? { allow: [200, 409] } : DENY_404),
        })),
      ),
  },
  'GET /api/dossiers/{code}/attachments/{id}': {
    access: 'dossier',
    cases: () => [
      ...fixtures().flatMap((d) =>
        d.attachments.map((id) => ({
          target: `${d.key}#${id}`,
          request: (): InjectOptions => ({ method: 'GET', url: `/api/dossiers/${d.code}/attachments/${id}` }),
          expect: (key: PersonaKey): Expectation => (maySeeFile(key, d, id) ? ALLOW_READ : DENY_404),
        })),
      ),
      // A file of another dossier through a dossier one may see: never.
      {
        target: `D2→D3#${world.dossiers.D3.attachments.at(-1)}`,
        request: () => ({
          method: 'GET',
          url: `/api/dossiers/${world.dossiers.D2.code}/attachments/${world.dossiers.D3.attachments.at(-1)}`,
        }),
        expect: () => DENY_404,
      },
      // A draft's file through a submitted dossier of the same owner: never.
      {
        target: `D1→draft#${world.draft.attachments[0]}`,
        request: () => ({
          method: 'GET',
          url: `/api/dossiers/${world.dossiers.D1.code}/attachments/${world.draft.attachments[0]}`,
        }),
        expect: () => DENY_404,
      },
    ],
  },
  'POST /api/dossiers/{code}/attachments': {
    access: 'dossier',
    cases: () =>
      fixtures().flatMap((d) =>
        (['', 'result', 'supplement'] as const).map((purpose) => ({
          target: `${d.key}${purpose ? `?purpose=${purpose}` : ''}`,
          write: true,
          request: () =>
            emptyUpload(`/api/dossiers/${d.code}/attachments${purpose ? `?purpose=${purpose}` : ''}`),
          expect: (key: PersonaKey): Expectation => {
            if (!maySee(key, d)) return DENY_404;
            const p = persona(key);
            if (
              purpose === 'result' &&
              !holds(p, ['receiving_officer'], d.receiving) &&
              !holds(p, ['specialist', 'leader'], d.handling)
            )
              return DENY_403;
            if (
              purpose === 'supplement' &&
              !isOwner(key, d.owner) &&
              !holds(p, ['receiving_officer'], d.receiving)
            )
              return DENY_403;
            return ALLOW_REFUSED;
          },
        })),
      ),
  },
  'POST /api/dossiers/{code}/actions': {
    access: 'dossier',
    cases: () =>
      fixtures().flatMap((d) =>
        DOSSIER_COMMANDS.map((command) => ({
          target: `${d.key}:${command}`,
          write: true,
          request: () => ({
            method: 'POST',
            url: `/api/dossiers/${d.code}/actions`,
            payload: { type: command, reason: 'Kiểm thử phân quyền' },
          }),
          expect: (key: PersonaKey): Expectation => {
            if (!maySee(key, d)) return DENY_404;
            if (!mayCommand(key, d, command)) return DENY_403;
            return d.possible.includes(command) ? SKIP : ALLOW_REFUSED;
          },
        })),
      ),
  },

  // Self-scoped ----------------------------------------------------------------------------------
  'GET /api/auth/tokens': {
    access: 'self',
    cases: () => [
      {
        target: '-',
        request: () => ({ method: 'GET', url: '/api/auth/tokens' }),
        expect: everyone,
        check: (key, response) => {
          const ids = response.json<Array<{ id: number }>>().map((t) => t.id);
          expect(ids).toEqual(isOwner(key, 'citizenA') ? [world.tokenId] : []);
        },
      },
    ],
  },
  'POST /api/auth/tokens': {
    access: 'self',
    cases: () => [
      {
        target: '-',
        write: true,
        request: () => ({ method: 'POST', url: '/api/auth/tokens', payload: { name: 'Kiểm thử' } }),
        expect: () => SKIP,
      },
    ],
  },
  'DELETE /api/auth/tokens/{id}': {
    access: 'self',
    cases: () => [
      {
        target: 'token of citizen A',
        write: true,
        request: () => ({ method: 'DELETE', url: `/api/auth/tokens/${world.tokenId}` }),
        // Somebody else's token is not found (its existence is not revealed).
        expect: (key) => (isOwner(key, 'citizenA') ? SKIP : DENY_404),
      },
    ],
  },
  'GET /api/dossiers/mine': {
    access: 'self',
    cases: () => [
      {
        target: '-',
        request: () => ({ method: 'GET', url: '/api/dossiers/mine?pageSize=100' }),
        expect: everyone,
        check: (key, response) => {
          const listed = response
            .json<{ items: Array<{ code: string }> }>()
            .items.map((i) => i.code)
            .sort();
          expect(listed).toEqual(
            fixtures()
              .filter((d) => isOwner(key, d.owner))
              .map((d) => d.code)
              .sort(),
          );
        },
      },
    ],
  },
  'POST /api/drafts': {
    access: 'self',
    cases: () => [
      {
        target: '-',
        write: true,
        request: () => ({ method: 'POST', url: '/api/drafts', payload: { procedureCode: PERMIT } }),
        expect: (key) => (persona(key).citizen ? SKIP : DENY_403),
      },
    ],
  },
  'GET /api/drafts': {
    access: 'self',
    cases: () => [
      {
        target: '-',
        request: () => ({ method: 'GET', url: '/api/drafts' }),
        expect: (key) => (persona(key).citizen ? ALLOW_READ : DENY_403),
        check: (key, response) =>
          expect(response.json<{ items: Array<{ id: number }> }>().items.map((i) => i.id)).toEqual(
            isOwner(key, world.draft.owner) ? [world.draft.id] : [],
          ),
      },
    ],
  },
  'GET /api/drafts/{id}': {
    access: 'self',
    cases: () => [
      {
        target: 'draft of A',
        request: () => ({ method: 'GET', url: `/api/drafts/${world.draft.id}` }),
        expect: (key) => citizenOnly(key, ALLOW_READ, DENY_404),
      },
    ],
  },
  'PUT /api/drafts/{id}': {
    access: 'self',
    cases: () => [
      {
        target: 'draft of A',
        write: true,
        request: () => ({ method: 'PUT', url: `/api/drafts/${world.draft.id}`, payload: { formData: {} } }),
        expect: (key) => citizenOnly(key, SKIP, DENY_404),
      },
    ],
  },
  'DELETE /api/drafts/{id}': {
    access: 'self',
    cases: () => [
      {
        target: 'draft of A',
        write: true,
        request: () => ({ method: 'DELETE', url: `/api/drafts/${world.draft.id}` }),
        expect: (key) => citizenOnly(key, SKIP, DENY_404),
      },
    ],
  },
  'POST /api/drafts/{id}/submit': {
    access: 'self',
    cases: () => [
      {
        target: 'draft of A',
        write: true,
        request: () => ({ method: 'POST', url: `/api/drafts/${world.draft.id}/submit` }),
        // The draft's form is empty: its owner is told so (422), nothing is submitted.
        expect: (key) => citizenOnly(key, { allow: [422] }, DENY_404),
      },
      {
        target: 'dossier D1 as a draft',
        write: true,
        request: () => ({ method: 'POST', url: `/api/drafts/${dossierRowId.D1}/submit` }),
        // A submitted dossier is no draft: its owner gets it back unchanged (201), others nothing.
        expect: (key) =>
          !persona(key).citizen ? DENY_403 : isOwner(key, 'citizenA') ? { allow: [201] } : DENY_404,
      },
    ],
  },
  'POST /api/drafts/{id}/attachments': {
    access: 'self',
    cases: () => [
      {
        target: 'draft of A',
        write: true,
        request: () => emptyUpload(`/api/drafts/${world.draft.id}/attachments`),
        // A draft is its owner's alone, whoever else asks (no officer, not even the administrator).
        expect: (key) => (isOwner(key, world.draft.owner) ? { allow: [422] } : DENY_404),
      },
    ],
  },
  'GET /api/drafts/{id}/attachments/{attachmentId}': {
    access: 'self',
    cases: () => [
      ...world.draft.attachments.map((id) => ({
        target: `draft#${id}`,
        request: (): InjectOptions => ({
          method: 'GET',
          url: `/api/drafts/${world.draft.id}/attachments/${id}`,
        }),
        expect: (key: PersonaKey): Expectation => (isOwner(key, world.draft.owner) ? ALLOW_READ : DENY_404),
      })),
      {
        target: `draft→D1#${world.dossiers.D1.attachments[0]}`,
        request: () => ({
          method: 'GET',
          url: `/api/drafts/${world.draft.id}/attachments/${world.dossiers.D1.attachments[0]}`,
        }),
        expect: () => DENY_404,
      },
    ],
  },
};
