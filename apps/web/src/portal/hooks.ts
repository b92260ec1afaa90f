/** Queries shared by the portal's pages, and small helpers around the typed client. */
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import type { paths } from '../api/schema';

export type Procedure =
  paths['/api/procedures/{code}']['get']['responses'][200]['content']['application/json'];
export type Dossier = paths['/api/dossiers/{code}']['get']['responses'][200]['content']['application/json'];
export type Draft = paths['/api/drafts/{id}']['get']['responses'][200]['content']['application/json'];
export type Attachment = Draft['attachments'][number];

export const procedureKey = (code: string) => ['procedure', code] as const;
export const dossierKey = (code: string) => ['dossier', code] as const;
export const draftKey = (id: number) => ['draft', id] as const;

export function useProcedure(code: string | undefined) {
  return useQuery({
    queryKey: procedureKey(code ?? ''),
    queryFn: () => call(api.GET('/api/procedures/{code}', { params: { path: { code: code! } } })),
    enabled: !!code,
    staleTime: 5 * 60_000,
  });
}

export function useDossier(code: string | undefined) {
  return useQuery({
    queryKey: dossierKey(code ?? ''),
    queryFn: () => call(api.GET('/api/dossiers/{code}', { params: { path: { code: code! } } })),
    enabled: !!code,
  });
}

/**
 * The signed-in citizen's open drafts, most recently saved first. A citizen keeps at most 20
 * (MAX_OPEN_DRAFTS on the server), so one page of 50 holds them all.
 */
export function useDrafts(enabled: boolean) {
  return useQuery({
    queryKey: ['drafts'],
    queryFn: () => call(api.GET('/api/drafts', { params: { query: { pageSize: 50 } } })),
    enabled,
  });
}

/** The open communes, for procedures handled by the commune where one applies. */
export function useCommunes(enabled: boolean) {
  return useQuery({
    queryKey: ['units', 'commune'],
    queryFn: () => call(api.GET('/api/units', { params: { query: { kind: 'commune', pageSize: 200 } } })),
    enabled,
    staleTime: 30 * 60_000,
  });
}

/** Whether a procedure takes online applications. */
export function offeredOnline(procedure: { channels: Array<{ channel: string }> }): boolean {
  return procedure.channels.some((channel) => channel.channel === 'online');
}

/** A dossier code as the server formats it (TT 01/2018 Điều 19). */
export { DOSSIER_CODE } from '@tayninh/domain/dossiers/code';

/** Only same-site paths are followed after sign-in or registration (no open redirect). */
export function safeNext(value: string | null): string | null {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : null;
}
