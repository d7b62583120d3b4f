export { customFieldsRoutes } from './custom-fields.routes.js';
export { loadCustomFieldDefs } from './custom-fields.cache.js';
export { validateCustomFieldValues, type ValidateCustomFieldOptions } from './custom-field-values.js';
export type { CustomFieldsDeps } from './custom-fields.service.js';
export { customFields } from './custom-fields.tables.js';
