/**
 * What every officer screen of one dossier loads: the dossier, the server's allowed actions and
 * the recorded events; and what it derives from them — the actions to offer (server and shared
 * lifecycle must agree) and the addresses of its printable slips.
 */
import { useQuery } from '@tanstack/react-query';
import type { DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import { api, call } from '../api/client';
import type { OfferedAction } from './actions/ActionPanel';
import { visibleActions } from './logic';

export function slipUrl(code: string, file: string): string {
  return `/api/dossiers/${encodeURIComponent(code)}/slips/${file}.pdf`;
}

export function useDossierForOfficer(code: string, onlyActions?: readonly string[]) {
  const path = { params: { path: { code } } };
  const dossier = useQuery({
    queryKey: ['dossier', code],
    queryFn: () => call(api.GET('/api/dossiers/{code}', path)),
  });
  const allowed = useQuery({
    queryKey: ['dossier', code, 'allowed'],
    queryFn: () => call(api.GET('/api/dossiers/{code}/allowed-actions', path)),
  });
  const events = useQuery({
    queryKey: ['dossier', code, 'events'],
    queryFn: () => call(api.GET('/api/dossiers/{code}/events', path)),
  });
  const recorded = (events.data?.events ?? []) as DossierAction[];
  const serverActions = (allowed.data?.actions ?? []) as OfferedAction[];
  const offered = visibleActions(
    recorded,
    onlyActions ? serverActions.filter((action) => onlyActions.includes(action.type)) : serverActions,
  );
  return { dossier, allowed, events, recorded, offered };
}
