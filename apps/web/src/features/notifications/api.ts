import { api } from '../../shared/api/client';

export const notificationsResource = 'notifications';

/** `notificationSchema` in contracts/follow-ups.ts; the web has no zod to infer it (CONTRACT-REQUESTS.md). */
export interface AppNotification {
  id: string;
  kind: string;
  ticketId: string | null;
  actorName: string | null;
  data: Record<string, unknown>;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationList {
  unread: number;
  items: AppNotification[];
}

export const listNotifications = (signal?: AbortSignal) => api.get<NotificationList>('/notifications', undefined, signal);
export const markNotificationsRead = (ids: string[] | 'all') => api.post<void>('/notifications/read', { ids });
