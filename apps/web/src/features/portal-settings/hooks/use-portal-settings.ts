import { useQuery } from '@tanstack/react-query';
import type { Locale, PortalSettings } from '@kefu/contracts';
import { fetchPortalAccount, fetchPortalSettings, portalAccountKey, portalSettingsKey } from '../api';

export const defaultPortalSettings: PortalSettings = {
  name: '',
  logoUrl: null,
  primaryColor: '#1d4ed8',
  languages: ['zh-CN', 'en'],
  signupMode: 'open',
  loginLinkEnabled: false,
  updatedAt: null,
};

/** The portal's branding and sign-up rules (public). Until loaded, or if unreachable, the defaults. */
export function usePortalSettings() {
  const query = useQuery({ queryKey: portalSettingsKey, queryFn: fetchPortalSettings, staleTime: 5 * 60_000, retry: 1 });
  const settings = query.data ?? defaultPortalSettings;
  return { ...query, settings, languages: settings.languages as Locale[] };
}

/** The signed-in customer's record and organization (portal only). */
export function usePortalAccount() {
  return useQuery({ queryKey: portalAccountKey, queryFn: fetchPortalAccount, staleTime: 60_000 });
}
