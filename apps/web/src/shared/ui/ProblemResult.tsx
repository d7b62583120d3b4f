import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../api/client';
import { problemMessage } from '../api/problem-message';

interface ProblemResultProps {
  /** An error from a query, or a status for pages the router could not match. */
  error?: unknown;
  status?: 403 | 404 | 500;
  home?: string;
  extra?: ReactNode;
  onRetry?: () => void;
}

/** Full-page answer to a 403, 404 or failure: says what happened and offers a way on. */
export function ProblemResult({ error, status, home = '/', extra, onRetry }: ProblemResultProps) {
  const { t } = useTranslation();
  const code = status ?? (isApiError(error) ? error.status : 500);
  const action = extra ?? (
    <>
      {onRetry && code >= 500 ? (
        <Button type="primary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      ) : null}
      <Link to={home}>
        <Button type={onRetry && code >= 500 ? 'default' : 'primary'}>{t('common.backHome')}</Button>
      </Link>
    </>
  );
  if (code === 403) {
    return <Result status="403" title={t('result.forbiddenTitle')} subTitle={t('result.forbiddenText')} extra={action} />;
  }
  if (code === 404) {
    return <Result status="404" title={t('result.notFoundTitle')} subTitle={t('result.notFoundText')} extra={action} />;
  }
  return (
    <Result
      status="error"
      title={t('result.errorTitle')}
      subTitle={error ? problemMessage(error, t) : t('result.errorText')}
      extra={action}
    />
  );
}
