import { eq } from 'drizzle-orm';
import type { WebSocket } from 'ws';
import type { AppDeps } from '../../platform/context.js';
import { publish } from '../../platform/realtime/bus.js';
import type { Actor } from '../auth/index.js';
import { teamMembers } from '../teams/index.js';
import { NOTIFICATIONS_CHANNEL, TICKETS_CHANNEL, type TicketChanged } from '../tickets/index.js';

export const PRESENCE_CHANNEL = 'kefu_presence';
const TEAMS_REFRESH_MS = 60_000;

interface Client {
  socket: WebSocket;
  actor: Actor;
  teamIds: Set<string>;
  teamsLoadedAt: number;
}

export interface Presence {
  ticketId: string;
  userId: string;
  name: string;
  state: 'viewing' | 'replying' | 'left';
}

/**
 * Fans cross-instance events out to this instance's browser sockets. Each event carries what is
 * needed to decide who may hear it, so filtering costs no query per event.
 */
export class LiveHub {
  private readonly clients = new Set<Client>();

  constructor(private readonly deps: AppDeps) {}

  async start() {
    await this.deps.realtime.subscribe(TICKETS_CHANNEL, (p) => this.onTicket(JSON.parse(p) as TicketChanged));
    await this.deps.realtime.subscribe(NOTIFICATIONS_CHANNEL, (p) => this.onNotification(JSON.parse(p) as { userIds: string[]; kind: string; ticketId: string }));
    await this.deps.realtime.subscribe(PRESENCE_CHANNEL, (p) => this.onPresence(JSON.parse(p) as Presence));
  }

  async add(socket: WebSocket, actor: Actor) {
    const client: Client = { socket, actor, teamIds: new Set(), teamsLoadedAt: 0 };
    await this.refreshTeams(client);
    this.clients.add(client);
    socket.on('close', () => this.clients.delete(client));
    return client;
  }

  /** Staff announce what they are looking at; everyone else's screen shows it (collision warning). */
  async presence(client: Client, ticketId: string, state: Presence['state']) {
    if (client.actor.role === 'customer') return;
    const message: Presence = { ticketId, userId: client.actor.userId, name: client.actor.name, state };
    await publish(this.deps.db, PRESENCE_CHANNEL, message);
  }

  get size() {
    return this.clients.size;
  }

  private async refreshTeams(client: Client) {
    if (client.actor.role !== 'agent') return;
    const rows = await this.deps.db.select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, client.actor.userId));
    client.teamIds = new Set(rows.map((r) => r.teamId));
    client.teamsLoadedAt = Date.now();
  }

  private mayHear(client: Client, t: TicketChanged) {
    const a = client.actor;
    if (a.role === 'admin' || a.role === 'supervisor') return true;
    if (a.role === 'agent') {
      if (Date.now() - client.teamsLoadedAt > TEAMS_REFRESH_MS) void this.refreshTeams(client);
      return t.teamId === null || t.assigneeId === a.userId || client.teamIds.has(t.teamId);
    }
    return a.customerId !== null && t.requesterId === a.customerId;
  }

  private send(client: Client, message: object) {
    if (client.socket.readyState === client.socket.OPEN) client.socket.send(JSON.stringify(message));
  }

  private onTicket(t: TicketChanged) {
    for (const c of this.clients) {
      if (!this.mayHear(c, t)) continue;
      const { teamId: _t, assigneeId: _a, requesterId: _r, type, ...rest } = t;
      this.send(c, { type: 'ticket.changed', event: type, ...rest });
    }
  }

  private onNotification(n: { userIds: string[]; kind: string; ticketId: string }) {
    const targets = new Set(n.userIds);
    for (const c of this.clients) if (targets.has(c.actor.userId)) this.send(c, { type: 'notification', kind: n.kind, ticketId: n.ticketId });
  }

  private onPresence(p: Presence) {
    for (const c of this.clients) {
      if (c.actor.role !== 'customer' && c.actor.userId !== p.userId) this.send(c, { type: 'presence', ...p });
    }
  }
}
