import { useEffect, type ReactNode } from 'react';
import { Result, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import type { SessionUser } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { homeFor } from '../hooks/use-session';
import { linkProblem, useAdoptSession } from '../hooks/use-account';
import { AccountFrame } from './AccountFrame';

/**
 * A page a mailed link opens that signs in by itself (verify, sign-in link). The call is a query
 * keyed by the token, so a double render (React's strict mode) uses the single-use link once.
 */
export function LinkLanding({ kind, title, run, renew }: {
  kind: string;
  title: string;
  run: (token: string) => Promise<{ user: SessionUser }>;
  /** What to offer when the link is expired or invalid. */
  renew: ReactNode;
}) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const adopt = useAdoptSession();
  const query = useQuery({ queryKey: ['account-link', kind, token], queryFn: () => run(token), enabled: token !== '', retry: false, staleTime: Infinity, gcTime: Infinity });
  useEffect(() => {
    if (query.data) adopt(query.data);
  }, [query.data, adopt]);

  if (query.data) return <Navigate to={homeFor(query.data.user.role)} replace />;
  if (token && query.isPending) {
    return (
      <AccountFrame title={title}>
        <Spin style={{ display: 'block', margin: '24px auto' }} description={t('accounts.link.checking')} />
      </AccountFrame>
    );
  }
  const problem = linkProblem(query.error);
  const message = !token ? t('accounts.link.invalid') : problem.key ? t(problem.key) : problemMessage(query.error, t);
  return (
    <AccountFrame title={title}>
      <Result
        status={problem.key === 'accounts.link.used' ? 'info' : 'warning'}
        style={{ padding: 0 }}
        title={<span role="alert">{message}</span>}
        extra={
          <>
            {!token || problem.renewable ? renew : null}
            <div style={{ marginTop: 16 }}><Link to="/login">{t('accounts.backToLogin')}</Link></div>
          </>
        }
      />
    </AccountFrame>
  );
}
