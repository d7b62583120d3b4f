import type { ReactNode } from 'react';
import { ConfigProvider, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../../../shared/ui/Brand';
import { usePortalSettings } from '../hooks/use-portal-settings';

const hex = /^#[0-9a-f]{6}$/i;

/** The portal's colour as antd's primary colour, for everything inside (portal pages, sign-in and sign-up). */
export function PortalTheme({ children }: { children: ReactNode }) {
  const { settings, isPending } = usePortalSettings();
  const color = hex.test(settings.primaryColor) ? settings.primaryColor : '#1d4ed8';
  // Painted once the settings are known (one small public request), so the page never shows the
  // default colour and name and then switches; a failed request falls back to the defaults.
  if (isPending) return null;
  return <ConfigProvider theme={{ token: { colorPrimary: color, colorInfo: color, colorLink: color } }}>{children}</ConfigProvider>;
}

/** The portal's logo and name, or the product's when the admin set none. */
export function PortalBrand({ dark = false, subtitle, size = 32 }: { dark?: boolean; subtitle?: string; size?: number }) {
  const { t } = useTranslation();
  const { settings } = usePortalSettings();
  return (
    <Flex align="center" gap={10} style={{ minWidth: 0 }}>
      {settings.logoUrl ? (
        <img src={settings.logoUrl} alt="" height={size} style={{ maxWidth: size * 4, objectFit: 'contain', display: 'block' }} />
      ) : (
        <BrandMark size={size} />
      )}
      <div style={{ lineHeight: 1.2, minWidth: 0 }}>
        <Typography.Text strong style={{ fontSize: 16, color: dark ? '#fff' : undefined, display: 'block' }} data-testid="portal-name">
          {settings.name || t('app.name')}
        </Typography.Text>
        {subtitle ? (
          <Typography.Text style={{ fontSize: 12, color: dark ? 'rgba(255,255,255,0.65)' : 'var(--ant-color-text-tertiary)' }}>{subtitle}</Typography.Text>
        ) : null}
      </div>
    </Flex>
  );
}
