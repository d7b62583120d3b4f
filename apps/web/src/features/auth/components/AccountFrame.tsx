import { useEffect, type ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { applyLocale, currentLocale } from '../../../i18n';
import { PortalBrand, PortalTheme } from '../../portal-settings/components/PortalTheme';
import { usePortalSettings } from '../../portal-settings/hooks/use-portal-settings';
import { LanguageSwitch } from './LanguageSwitch';

/** A portal that offers one language shows its pages in it, whatever the browser remembered. */
export function usePortalLanguages() {
  const { languages, isSuccess } = usePortalSettings();
  useEffect(() => {
    if (isSuccess && languages.length > 0 && !languages.includes(currentLocale())) void applyLocale(languages[0]!);
  }, [isSuccess, languages]);
  return languages;
}

/** The frame of the account pages (sign-up, verify, reset, sign-in link): the portal's brand, one card. */
export function AccountFrame({ title, subtitle, children, footer }: { title: string; subtitle?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  const { t } = useTranslation();
  const languages = usePortalLanguages();
  return (
    <PortalTheme>
      <div style={{ minHeight: '100vh', background: 'var(--ant-color-bg-layout)', display: 'flex', flexDirection: 'column' }}>
        <Flex justify="space-between" align="center" style={{ padding: '16px 24px' }}>
          <Link to="/login" aria-label={t('accounts.backToLogin')}>
            <PortalBrand subtitle={t('portal.title')} />
          </Link>
          <LanguageSwitch only={languages} />
        </Flex>
        <Flex justify="center" style={{ flex: 1, padding: '24px 16px 64px' }}>
          <Card style={{ width: '100%', maxWidth: 440, alignSelf: 'flex-start', marginTop: '6vh' }} styles={{ body: { padding: 32 } }}>
            <Typography.Title level={3} style={{ marginTop: 0, marginBottom: subtitle ? 4 : 24 }}>{title}</Typography.Title>
            {subtitle ? <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>{subtitle}</Typography.Paragraph> : null}
            {children}
            {footer ? <div style={{ marginTop: 20, textAlign: 'center' }}>{footer}</div> : null}
          </Card>
        </Flex>
      </div>
    </PortalTheme>
  );
}
