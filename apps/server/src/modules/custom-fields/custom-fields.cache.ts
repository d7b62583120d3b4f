import type { CustomField } from '@kefu/contracts';
import type { Executor } from '../../platform/db/client.js';
import { sharedCache } from '../../platform/realtime/shared-cache.js';
import type { RealtimeBus } from '../../platform/realtime/bus.js';
import { presentField } from './custom-fields.presenter.js';
import { listAllFields } from './custom-fields.repository.js';

/** Every definition (active or not) in form order, read on every ticket write. */
const definitions = sharedCache<readonly CustomField[]>('kefu_custom_fields', async (db) => Object.freeze((await listAllFields(db)).map(presentField)));

export const loadCustomFieldDefs = (db: Executor) => definitions.get(db);
/** Inside the writing transaction (inTransaction): every instance re-reads once it commits. */
export const customFieldsChanged = (db: object, tx: Executor) => definitions.changed(db, tx);
export const listenForCustomFieldChanges = (db: object, bus: RealtimeBus) => definitions.listen(db, bus);
