import { and, asc, eq } from 'drizzle-orm';
import type { CustomerInvitation, InviteCustomerBody } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { fieldConflict, forbidden, invalidField, notFound } from '../../platform/http/app-error.js';
import { randomSecret, uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { customerIdentities, customers } from '../customers/index.js';
import { isAdmin, type RequestContext } from './actor.js';
import * as repo from './account-tokens.repository.js';
import { bookAccountMail, tokenTtlMs } from './customer-accounts.service.js';
import { hashPassword } from './passwords.js';

/**
 * An admin opens the portal to a customer: a login for one of the customer's addresses, usable
 * once they follow the mailed link and choose a password. Asking again re-sends a fresh link
 * (the older one stops working) until the customer has accepted.
 */
export async function inviteCustomer(deps: AppDeps, ctx: RequestContext, customerId: string, body: InviteCustomerBody): Promise<CustomerInvitation> {
  if (!isAdmin(ctx.actor)) throw forbidden('Only admins may invite customers to the portal');
  // Nobody knows this password: the account opens only through the invitation (or a reset) link.
  const placeholderHash = await hashPassword(randomSecret());
  return inTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const [customer] = await tx.select().from(customers).where(eq(customers.id, customerId)).limit(1);
    if (!customer) throw notFound('Customer');
    const emails = (await tx.select({ value: customerIdentities.normalized }).from(customerIdentities)
      .where(and(eq(customerIdentities.customerId, customerId), eq(customerIdentities.kind, 'email')))
      .orderBy(asc(customerIdentities.position))).map((r) => r.value);
    if (emails.length === 0) throw invalidField('email', 'the customer has no email address to invite');
    const email = body.email ?? emails[0]!;
    if (!emails.includes(email)) throw invalidField('email', 'is not one of the customer\'s addresses');

    let user = await repo.findUserByEmail(tx, email);
    if (user) {
      if (user.role !== 'customer') throw fieldConflict('email', 'belongs to a staff account');
      if (user.customerId !== customerId) throw fieldConflict('email', 'belongs to another customer\'s portal account');
      if (!user.active) throw fieldConflict('email', 'belongs to a deactivated portal account');
      if (user.emailVerifiedAt) throw fieldConflict('email', 'already has a portal account');
      if (body.locale) user = await repo.updateUser(tx, user.id, { locale: body.locale, updatedAt: now });
    } else {
      user = await repo.insertUser(tx, {
        id: uuidv7(now.getTime()), email, name: customer.name, role: 'customer', locale: body.locale ?? customer.locale,
        passwordHash: placeholderHash, customerId, emailVerifiedAt: null, createdAt: now, updatedAt: now,
      });
    }
    const token = await repo.issueToken(tx, user.id, 'invitation', now, tokenTtlMs.invitation);
    await bookAccountMail(deps, tx, { kind: 'invitation', userId: user.id, tokenId: token.id });
    await recordAudit(tx, ctx, { action: 'customer.invited', entityType: 'customer', entityId: customerId, after: { email, userId: user.id } }, now);
    return { customerId, userId: user.id, email, expiresAt: token.expiresAt.toISOString() };
  });
}
