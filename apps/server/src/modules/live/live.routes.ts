import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../platform/context.js';
import { LiveHub } from './live-hub.js';

const clientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('presence'), ticketId: z.uuid(), state: z.enum(['viewing', 'replying', 'left']) }),
  z.object({ type: z.literal('ping') }),
]);

/**
 * `GET /api/v1/realtime` (WebSocket, session cookie): ticket changes, notifications and presence,
 * live across instances. Unauthenticated sockets are closed with 4401.
 */
export function liveRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    const hub = new LiveHub(deps);
    await hub.start();
    await app.register(websocket, { options: { maxPayload: 4096 } });
    app.get('/realtime', { websocket: true, schema: { hide: true } }, async (socket, request) => {
      const actor = request.actor;
      if (!actor) return socket.close(4401, 'sign in first');
      const client = await hub.add(socket, actor);
      socket.send(JSON.stringify({ type: 'hello', userId: actor.userId }));
      socket.on('message', (raw) => {
        let parsed: z.infer<typeof clientMessage>;
        try {
          parsed = clientMessage.parse(JSON.parse(String(raw)));
        } catch {
          return socket.send(JSON.stringify({ type: 'error', code: 'validation_failed', detail: 'unknown message' }));
        }
        if (parsed.type === 'ping') return socket.send(JSON.stringify({ type: 'pong' }));
        void hub.presence(client, parsed.ticketId, parsed.state).catch(() => undefined);
      });
    });
  };
}
