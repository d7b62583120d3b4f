import type { AppDeps } from '../platform/context.js';
import { uuidv7 } from '../platform/ids.js';
import { customerIdentities, customers, normalizePhone, searchTextOf } from '../modules/customers/index.js';
import { organizations } from '../modules/organizations/index.js';
import { generatedCustomer } from './demo-data.js';

const BATCH = 1000;

/**
 * Bulk-generates `n` customers (and one organization per 50) for benchmarks, in batched inserts:
 * test data at volume, not a user action, so it bypasses the per-record audit trail.
 */
export async function seedLoad(deps: AppDeps, n: number, onProgress: (done: number) => void) {
  const runId = uuidv7().slice(-8);
  const orgCount = Math.max(1, Math.ceil(n / 50));
  const orgRows = Array.from({ length: orgCount }, (_, i) => ({
    id: uuidv7(), name: `负载测试企业 ${runId}-${i} Load Org`, domains: [`load-${runId}-${i}.example.com`], tags: ['load'],
  }));
  for (let i = 0; i < orgRows.length; i += BATCH) await deps.db.insert(organizations).values(orgRows.slice(i, i + BATCH));
  for (let start = 0; start < n; start += BATCH) {
    const end = Math.min(n, start + BATCH);
    const rows: (typeof customers.$inferInsert)[] = [];
    const ids: (typeof customerIdentities.$inferInsert)[] = [];
    for (let i = start; i < end; i++) {
      const org = orgRows[i % orgRows.length]!;
      const c = generatedCustomer(i, org.domains);
      const email = c.email.replace('@', `.${runId}@`);
      const id = uuidv7();
      rows.push({ id, name: c.name, organizationId: org.id, locale: c.locale, tags: i % 10 === 0 ? ['VIP'] : [], searchText: searchTextOf(c.name, { emails: [email], phones: [c.phone] }) });
      ids.push(
        { id: uuidv7(), customerId: id, kind: 'email' as const, value: email, normalized: email, position: 0 },
        { id: uuidv7(), customerId: id, kind: 'phone' as const, value: c.phone, normalized: normalizePhone(c.phone), position: 0 },
      );
    }
    await deps.db.transaction(async (tx) => {
      await tx.insert(customers).values(rows);
      await tx.insert(customerIdentities).values(ids);
    });
    onProgress(end);
  }
  return { customers: n, organizations: orgCount };
}
