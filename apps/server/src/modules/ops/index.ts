export { registerMetrics } from './metrics.js';
export { opsRoutes } from './ops.routes.js';
