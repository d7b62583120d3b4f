// The SLA module's public face. Business time is the library SLA policies measure in.
export {
  addBusinessMinutes,
  businessMinutesBetween,
  isBusinessTime,
  nextBusinessTime,
  weekdayKeys,
  type BusinessCalendar,
  type BusinessPeriod,
  type CalendarDate,
  type WeekdayKey,
} from './business-time.js';
export { businessCalendarsRoutes } from './business-calendars.routes.js';
export { findBusinessCalendarRules } from './business-calendars.rules.js';
export { businessCalendars } from './business-calendars.tables.js';
export { slaPolicies } from './sla-policies.tables.js';
export { slaPoliciesRoutes } from './sla-policies.routes.js';
export type { SlaPolicyRow } from './sla-policies.repository.js';
export { calendarIdFor, loadSlaConfig, matchPolicy, RECOMPUTE_SLA_DEADLINES, slaConfig, type SlaConfig, type TicketFacts } from './sla-config.js';
export {
  BREACH, dueAt, dueSteps, meet, nextDueAt, pause, presentSla, restartCycle, resume, startTarget, unmeet, usedAt,
  type Calendar, type DueStep, type StoredSla, type StoredTarget,
} from './sla-clock.js';
