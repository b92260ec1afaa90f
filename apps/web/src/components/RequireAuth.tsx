import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useAuth, type Role } from '../auth/auth';
import { Loading } from './Page';

/**
 * Shows its children to a signed-in user (with one of `roles`, when given); sends anyone else to
 * the sign-in page and back here afterwards. The server checks again on every request: this is
 * for the user's sake, not the security boundary.
 */
export function RequireAuth({ children, roles }: { children: ReactNode; roles?: Role[] }) {
  const { user, loading, hasRole } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  if (loading) return <Loading />;
  if (!user) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/dang-nhap?next=${next}`} replace />;
  }
  if (roles && !hasRole(...roles))
    return (
      <Alert color="orange" role="alert">
        {t('errors.forbidden')}
      </Alert>
    );
  return <>{children}</>;
}
