import type { FollowUp } from '@kefu/contracts';
import { api } from '../../shared/api/client';

export const followUpsResource = 'follow-ups';

export type FollowUpOutcome = NonNullable<FollowUp['outcome']>;

export const listFollowUps = (query: { owner: 'me' | 'all'; status: 'open' | 'done' }, signal?: AbortSignal) =>
  api.get<{ items: FollowUp[] }>('/follow-ups', query, signal);
export const completeFollowUp = (id: string, body: { outcome: FollowUpOutcome; note: string }) =>
  api.post<FollowUp>(`/follow-ups/${id}/complete`, body);
