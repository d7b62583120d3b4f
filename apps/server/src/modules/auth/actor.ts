import { roleRank, type Locale, type Role } from '@kefu/contracts';
import { AppError } from '../../platform/http/app-error.js';

/** Who is calling, as established by a session cookie or an API token. */
export interface Actor {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  /** The role this request acts with: a token may be limited below its owner's role. */
  readonly role: Role;
  readonly userRole: Role;
  readonly locale: Locale;
  readonly customerId: string | null;
  readonly via: 'session' | 'token';
  readonly sessionId?: string;
  readonly tokenId?: string;
}

/** The caller plus where the request came from: what services need to authorize and to audit. */
export interface RequestContext {
  readonly actor: Actor;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

/** A context for work the system does on its own (start-up, jobs, seeding). */
export function systemContext(actor: Actor): RequestContext {
  return { actor, ip: null, userAgent: 'kefu-system' };
}

export const atLeast = (actor: Actor, role: Role) => roleRank[actor.role] >= roleRank[role];
export const isStaff = (actor: Actor) => atLeast(actor, 'agent');
export const isAdmin = (actor: Actor) => actor.role === 'admin';

export const unauthenticated = () => new AppError('unauthenticated', 'Sign in to continue');
