/**
 * What the submission page shows before the wizard: the procedure (and the draft when resuming)
 * loading; for a new dossier, the citizen's drafts of this procedure to continue instead (unless a
 * new one was asked for, ?moi=1); an officer is sent to counter intake.
 */
import { Alert, Anchor } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { Loading } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { draftKey, useDrafts, useProcedure, type Draft, type Procedure } from '../hooks';
import { DraftChoice, draftsOf } from './DraftChoice';

/** Loads the procedure (and the draft when resuming) before the wizard starts. */
export function SubmitLoader({
  children,
}: {
  children: (procedure: Procedure, draft: Draft | null) => ReactNode;
}) {
  const { t } = useTranslation('portal');
  const { isOfficer } = useAuth();
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const draftId = params.draftId ? Number(params.draftId) : null;
  // A new dossier: first offer the drafts of this procedure, unless a new one was asked for.
  const offerDrafts = draftId === null && !isOfficer && search.get('moi') !== '1';
  const drafts = useDrafts(offerDrafts);
  const draft = useQuery({
    queryKey: draftKey(draftId ?? 0),
    queryFn: () => call(api.GET('/api/drafts/{id}', { params: { path: { id: draftId! } } })),
    enabled: draftId !== null && !isOfficer,
  });
  const procedure = useProcedure(draftId === null ? params.code : draft.data?.procedureCode);
  if (isOfficer)
    return (
      <Alert color="orange" role="alert">
        {t('submit.officer')}
      </Alert>
    );
  const error = draft.error ?? procedure.error;
  if (error) return <ProblemAlert error={error} />;
  if ((draftId !== null && draft.isPending) || procedure.isPending || (offerDrafts && drafts.isPending))
    return <Loading />;
  const existing = offerDrafts ? draftsOf(procedure.data!.code, drafts.data?.items ?? []) : [];
  if (existing.length > 0)
    return (
      <DraftChoice
        procedure={procedure.data!}
        drafts={existing}
        // The wizard then starts with the focus on its first step.
        onStartNew={() => setSearch({ moi: '1' }, { replace: true, state: { focusStep: true } })}
      />
    );
  if (draft.data && draft.data.status !== 'draft')
    return (
      <Alert color="blue" role="status">
        {t('submit.notDraft')}{' '}
        <Anchor component={Link} to="/ho-so-cua-toi">
          {t('submit.toMyDossiers')}
        </Anchor>
      </Alert>
    );
  return children(procedure.data!, draft.data ?? null);
}
