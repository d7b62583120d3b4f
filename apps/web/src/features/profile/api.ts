import type { NotificationPreferences, UpdateNotificationPreferencesBody } from '@kefu/contracts';
import { api, apiRequest } from '../../shared/api/client';

export const notificationPreferencesKey = ['notification-preferences'] as const;

export const getNotificationPreferences = (signal?: AbortSignal) =>
  api.get<NotificationPreferences>('/me/notification-preferences', undefined, signal);

export const putNotificationPreferences = (body: UpdateNotificationPreferencesBody) =>
  apiRequest<NotificationPreferences>('/me/notification-preferences', { method: 'PUT', body });
