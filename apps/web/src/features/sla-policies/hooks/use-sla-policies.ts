import { useCallback } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { SlaTargetKind } from '@kefu/contracts';
import { useSession } from '../../auth/hooks/use-session';
import { getSlaPolicy, listSlaPolicies, slaPolicyKey, slaPolicyListKey } from '../api';

export function useSlaPolicies(enabled = true) {
  const query = useQuery({ queryKey: slaPolicyListKey, queryFn: ({ signal }) => listSlaPolicies(signal), enabled, staleTime: 60_000 });
  return { policies: query.data?.items ?? [], query };
}

export function useSlaPolicy(id: string | undefined) {
  return useQuery({ queryKey: slaPolicyKey(id ?? ''), queryFn: ({ signal }) => getSlaPolicy(id!, signal), enabled: Boolean(id) });
}

/** The server lets supervisors and admins keep the SLA rules; agents only read them. */
export function useCanEditSlaPolicies() {
  const role = useSession().session?.effectiveRole;
  return role === 'admin' || role === 'supervisor';
}

/**
 * The size (minutes) of a policy's target, so a countdown can tell how much of it is left. A
 * ticket's SLA does not carry it, so staff read it from the policies (customers may not: undefined).
 */
export function useSlaTargetMinutes(): (policyId: string, target: SlaTargetKind) => number | undefined {
  const role = useSession().session?.effectiveRole;
  const { policies } = useSlaPolicies(role !== undefined && role !== 'customer');
  return useCallback(
    (policyId, target) => policies.find((p) => p.id === policyId)?.targets[target]?.minutes,
    [policies],
  );
}
