// The raw engine the API is compared with: Fastify with the same logger and body limit, one route.
import Fastify from 'fastify';

const app = Fastify({ logger: { level: process.env.LOG_LEVEL ?? 'info' }, bodyLimit: 1_048_576 });
app.get('/bare', async () => ({ user: { id: '00000000-0000-7000-8000-000000000000', email: 'bench@example.com', name: 'Bench', role: 'agent', locale: 'zh-CN' }, via: 'session', effectiveRole: 'agent' }));
app.get('/readyz', async () => ({ status: 'ready' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
