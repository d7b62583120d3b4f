import type { Role } from '@kefu/contracts';
import { forbidden, notFound } from '../../platform/http/app-error.js';
import { atLeast, type Actor } from './actor.js';

export type CrudAction = 'list' | 'read' | 'create' | 'update' | 'delete';

/**
 * The common shape of a module policy: who may read and who may write. A reader who may not see a
 * single record gets 404 rather than 403, so ids cannot be probed; a forbidden list or write is 403.
 */
export function authorizeCrud(
  actor: Actor,
  action: CrudAction,
  rule: { entity: string; read: Role; write: Role; remove?: Role },
) {
  const needed = action === 'list' || action === 'read' ? rule.read : action === 'delete' ? (rule.remove ?? rule.write) : rule.write;
  if (atLeast(actor, needed)) return;
  if (action === 'read' && !atLeast(actor, rule.read)) throw notFound(rule.entity);
  throw forbidden(`Your role may not ${action} ${rule.entity.toLowerCase()} records`);
}
