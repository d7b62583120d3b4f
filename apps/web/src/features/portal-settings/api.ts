import type { CustomerInvitation, InviteCustomerBody, PortalAccount, PortalSettings, UpdatePortalSettingsBody } from '@kefu/contracts';
import { api, apiRequest } from '../../shared/api/client';

export const portalSettingsKey = ['portal-settings'] as const;
export const portalAccountKey = ['portal-account'] as const;

export const fetchPortalSettings = () => api.get<PortalSettings>('/portal/settings');
export const updatePortalSettings = (body: UpdatePortalSettingsBody) =>
  apiRequest<PortalSettings>('/portal/settings', { method: 'PUT', body });
export const fetchPortalAccount = () => api.get<PortalAccount>('/portal/account');
export const inviteCustomer = (customerId: string, body: InviteCustomerBody = {}) =>
  api.post<CustomerInvitation>(`/customers/${encodeURIComponent(customerId)}/invite`, body);
