export { InviteToPortalButton } from './components/InviteToPortalButton';
export { PortalBrand, PortalTheme } from './components/PortalTheme';
export { usePortalAccount, usePortalSettings } from './hooks/use-portal-settings';
export { RequestScopeSwitch, useRequestScope, type RequestScope } from './components/RequestScopeSwitch';
