import { useEffect, useState, type ReactNode } from 'react';
import { App as AntdApp, ConfigProvider, theme as antdTheme, type ThemeConfig } from 'antd';
import { QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { antdLocale, applyLocale, currentLocale, isLocale, rememberLocale } from '../i18n';
import { useSession } from '../features/auth/hooks/use-session';
import { createQueryClient } from './query-client';

const theme: ThemeConfig = {
  algorithm: antdTheme.defaultAlgorithm,
  token: {
    colorPrimary: '#1d4ed8',
    colorInfo: '#1d4ed8',
    borderRadius: 6,
    colorBgLayout: '#f4f6fa',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { siderBg: '#0f1b3d', headerBg: '#ffffff', bodyBg: '#f4f6fa' },
    Menu: {
      darkItemBg: '#0f1b3d',
      darkSubMenuItemBg: '#0f1b3d',
      darkItemSelectedBg: '#1d4ed8',
      darkGroupTitleColor: 'rgba(255,255,255,0.45)',
      itemBorderRadius: 6,
    },
    Table: { headerBg: '#f8fafc', headerColor: 'rgba(0,0,0,0.65)' },
    Card: { headerFontSize: 15 },
  },
};

/** Once the session is known, the UI speaks the user's saved language. */
function LocaleSync() {
  const { user } = useSession();
  const locale = user?.locale;
  useEffect(() => {
    if (locale && isLocale(locale) && locale !== currentLocale()) {
      rememberLocale(locale);
      void applyLocale(locale);
    }
  }, [locale]);
  return null;
}

function LocalizedAntd({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : 'zh-CN';
  return (
    <ConfigProvider locale={antdLocale(locale)} theme={theme} button={{ autoInsertSpace: false }}>
      <AntdApp>{children}</AntdApp>
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleSync />
      <LocalizedAntd>{children}</LocalizedAntd>
    </QueryClientProvider>
  );
}
