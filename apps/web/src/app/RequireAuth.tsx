import type { ReactNode } from 'react';
import { Button, Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import type { Role } from '@kefu/contracts';
import { homeFor, useSession } from '../features/auth/hooks/use-session';
import { ProblemResult } from '../shared/ui/ProblemResult';

export function FullPageSpin() {
  const { t } = useTranslation();
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" description={t('result.loading')} />
    </Flex>
  );
}

/** Signed-out visitors go to /login?next=…; signed-in users of another role see a 403 page. */
export function RequireAuth({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const { user, isPending, isError, error, refetch } = useSession();
  if (isPending) return <FullPageSpin />;
  if (isError) return <ProblemResult error={error} onRetry={() => void refetch()} home="/login" />;
  if (!user) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (!roles.includes(user.role)) {
    return (
      <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
        <ProblemResult
          status={403}
          extra={
            <Link to={homeFor(user.role)}>
              <Button type="primary">{t('common.backHome')}</Button>
            </Link>
          }
        />
      </Flex>
    );
  }
  return children;
}

export function HomeRedirect() {
  const { user, isPending } = useSession();
  if (isPending) return <FullPageSpin />;
  return <Navigate to={user ? homeFor(user.role) : '/login'} replace />;
}
