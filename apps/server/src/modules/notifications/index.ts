export { notificationPreferencesRoutes } from './notifications.routes.js';
export { channelsFor, type Channels } from './notification-preferences.js';
export {
  defineNotificationJobs, queueNotificationEmails, DIGEST_WINDOW_MS, SEND_NOTIFICATION_DIGEST, SEND_NOTIFICATION_EMAIL,
  type NotificationToMail,
} from './notification-mail.jobs.js';
export { notificationEmails, notificationEmailWindows, notificationPreferences } from './notifications.tables.js';
