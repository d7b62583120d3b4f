import type {
  CreateSlaPolicyBody, SlaConditions, SlaEscalationStep, SlaPolicy, SlaTargetKind, SlaTargets, TicketStatus,
} from '@kefu/contracts';
import { escalationAudiences, slaTargetKinds } from '@kefu/contracts';

export type Audience = (typeof escalationAudiences)[number];

export interface TargetValues {
  enabled: boolean;
  hours: number;
  minutes: number;
  businessTime: boolean;
}

export interface StepValues {
  target: SlaTargetKind;
  trigger: 'percent' | 'afterBreach';
  atPercent?: number;
  afterBreachMinutes?: number;
  notify: Audience[];
  raiseToLevel?: number | null;
  reassignToSupervisor: boolean;
}

type ConditionValues = { [K in keyof SlaConditions]-?: NonNullable<SlaConditions[K]> };

/** The editor's shape: a target as hours + minutes with an on/off switch, a step with its trigger kind. */
export interface PolicyFormValues {
  name: string;
  description: string;
  active: boolean;
  conditions: ConditionValues;
  calendarId?: string | null;
  pauseStatuses: TicketStatus[];
  targets: Record<SlaTargetKind, TargetValues>;
  escalations: StepValues[];
}

const conditionKeys = ['priorities', 'types', 'channels', 'complaintCategories', 'complaintImpacts', 'customerTiers', 'organizationIds', 'tags'] as const;

const defaultMinutes: Record<SlaTargetKind, number> = { first_response: 60, next_response: 240, resolution: 1440 };

export function emptyPolicyValues(): PolicyFormValues {
  return {
    name: '',
    description: '',
    active: true,
    conditions: { priorities: [], types: [], channels: [], complaintCategories: [], complaintImpacts: [], customerTiers: [], organizationIds: [], tags: [] },
    calendarId: null,
    pauseStatuses: ['pending', 'on_hold'],
    targets: Object.fromEntries(
      slaTargetKinds.map((k) => [k, { enabled: k !== 'next_response', hours: Math.floor(defaultMinutes[k] / 60), minutes: defaultMinutes[k] % 60, businessTime: true }]),
    ) as Record<SlaTargetKind, TargetValues>,
    escalations: [],
  };
}

export function policyToValues(p: SlaPolicy): PolicyFormValues {
  const empty = emptyPolicyValues();
  const conditions = { ...empty.conditions };
  for (const key of conditionKeys) Object.assign(conditions, { [key]: p.conditions[key] ?? [] });
  const targets = { ...empty.targets };
  for (const k of slaTargetKinds) {
    const spec = p.targets[k];
    targets[k] = spec
      ? { enabled: true, hours: Math.floor(spec.minutes / 60), minutes: spec.minutes % 60, businessTime: spec.businessTime }
      : { ...empty.targets[k], enabled: false };
  }
  return {
    name: p.name,
    description: p.description,
    active: p.active,
    conditions,
    calendarId: p.calendarId,
    pauseStatuses: p.pauseStatuses,
    targets,
    escalations: p.escalations.map((s) => ({
      target: s.target,
      trigger: s.atPercent !== undefined ? 'percent' : 'afterBreach',
      atPercent: s.atPercent,
      afterBreachMinutes: s.afterBreachMinutes,
      notify: s.notify,
      raiseToLevel: s.raiseToLevel ?? null,
      reassignToSupervisor: s.reassignToSupervisor ?? false,
    })),
  };
}

export const targetMinutes = (v: TargetValues | undefined) => (v ? (Number(v.hours) || 0) * 60 + (Number(v.minutes) || 0) : 0);

/** The body the API takes: empty conditions left out, disabled targets dropped, a step's unused trigger dropped. */
export function valuesToBody(v: PolicyFormValues): CreateSlaPolicyBody {
  const conditions: SlaConditions = {};
  for (const key of conditionKeys) {
    const list = v.conditions[key];
    if (list?.length) Object.assign(conditions, { [key]: list });
  }
  const targets: SlaTargets = {};
  for (const k of slaTargetKinds) {
    const tv = v.targets[k];
    if (tv?.enabled) targets[k] = { minutes: targetMinutes(tv), businessTime: Boolean(tv.businessTime) };
  }
  const escalations: SlaEscalationStep[] = (v.escalations ?? []).map((s) => ({
    target: s.target,
    ...(s.trigger === 'percent' ? { atPercent: Number(s.atPercent) } : { afterBreachMinutes: Number(s.afterBreachMinutes) }),
    notify: s.notify ?? [],
    ...(s.raiseToLevel ? { raiseToLevel: s.raiseToLevel } : {}),
    ...(s.reassignToSupervisor ? { reassignToSupervisor: true } : {}),
  }));
  return {
    name: v.name.trim(),
    description: v.description ?? '',
    active: v.active,
    conditions,
    targets,
    calendarId: v.calendarId || null,
    pauseStatuses: v.pauseStatuses ?? [],
    escalations,
  };
}

type NamePath = (string | number)[];

/**
 * Where a server field error belongs in the editor: `escalations.0.target` is that step's target,
 * `targets.resolution.minutes` the resolution row's hours input; null when no input matches.
 */
export function formPathOf(field: string): NamePath | null {
  const parts = field.split('.').filter((p) => p !== 'body').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const [top, second, third] = parts;
  switch (top) {
    case 'name':
    case 'description':
    case 'active':
    case 'calendarId':
    case 'pauseStatuses':
      return [top];
    case 'conditions':
      return typeof second === 'string' && (conditionKeys as readonly string[]).includes(second) ? ['conditions', second] : null;
    case 'targets':
      if (typeof second === 'string' && (slaTargetKinds as readonly string[]).includes(second)) {
        return ['targets', second, third === 'businessTime' ? 'businessTime' : 'hours'];
      }
      return ['targets', 'first_response', 'enabled'];
    case 'escalations':
      if (typeof second !== 'number') return null;
      if (third === 'target' || third === 'notify' || third === 'raiseToLevel' || third === 'reassignToSupervisor' || third === 'atPercent' || third === 'afterBreachMinutes') {
        return ['escalations', second, third];
      }
      return ['escalations', second, 'trigger'];
    default:
      return null;
  }
}
