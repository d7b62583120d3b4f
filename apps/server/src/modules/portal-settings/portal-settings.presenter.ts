import type { Locale, PortalSettings } from '@kefu/contracts';
import type { readSettings } from './portal-settings.repository.js';

type Row = NonNullable<Awaited<ReturnType<typeof readSettings>>>;

export const defaultPortalSettings: PortalSettings = {
  name: '',
  logoUrl: null,
  primaryColor: '#1d4ed8',
  languages: ['zh-CN', 'en'],
  signupMode: 'open',
  loginLinkEnabled: false,
  updatedAt: null,
};

const isLocale = (l: string): l is Locale => l === 'zh-CN' || l === 'en';

export const presentPortalSettings = (r: Row | undefined): PortalSettings =>
  r
    ? {
      name: r.name,
      // The hash in the URL lets browsers keep the logo until it changes.
      logoUrl: r.logoHash ? `/api/v1/portal/logo?v=${r.logoHash.slice(0, 16)}` : null,
      primaryColor: r.primaryColor,
      languages: r.languages.filter(isLocale),
      signupMode: r.signupMode,
      loginLinkEnabled: r.loginLinkEnabled,
      updatedAt: r.updatedAt.toISOString(),
    }
    : defaultPortalSettings;
