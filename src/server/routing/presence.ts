/**
 * Who is on duty, across instances: every staff socket is a row in `staff_connections`, kept
 * fresh by the instance that holds it. Availability (available / away / offline) is stored with
 * the staff member (src/server/staff) and announced to colleagues on the bus.
 */
import { randomUUID } from 'node:crypto';
import type { StaffPresence } from '../../shared/protocol';
import type { StaffAvailability } from '../auth/roles';
import type { Clock } from '../clock';
import type { Bus } from '../events/bus';
import type { StaffService } from '../staff/service';
import type { RoutingRepository } from './repository';

/** How often this instance marks its own staff sockets as still there (and routing sweeps). */
export const SWEEP_INTERVAL_MS = 5_000;
/** A connection row not refreshed for this long belongs to an instance that is gone. */
export const LIVE_CONNECTION_MS = 3 * SWEEP_INTERVAL_MS;
/** Closed connection rows are kept this long (only each staff member's latest beyond it)… */
const CONNECTION_HISTORY_MS = 24 * 60 * 60 * 1000;
/** … and looked for at most this often. */
const PURGE_INTERVAL_MS = 60 * 60 * 1000;

export interface StaffRef {
  id: string;
  deskId: string;
}

export class Presence {
  /** This instance's open staff connections. */
  private readonly ownConnections = new Set<string>();
  private readonly instanceId = randomUUID();
  private purgedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly repository: RoutingRepository,
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly staff: Pick<StaffService, 'setAvailability' | 'presence' | 'presenceOfDesk'>,
  ) {}

  /**
   * A staff socket said hello. Someone who was offline is available from now on; "away" is kept
   * (they chose it). Returns the connection's id (for `disconnected`) and their availability.
   */
  async connected(staff: StaffRef): Promise<{ connectionId: string; availability: StaffAvailability }> {
    const now = this.now();
    const connectionId = randomUUID();
    await this.repository.openConnection({
      id: connectionId,
      desk_id: staff.deskId,
      staff_id: staff.id,
      instance_id: this.instanceId,
      connected_at: now,
      seen_at: now,
      closed_at: null,
    });
    this.ownConnections.add(connectionId);
    if (await this.staff.setAvailability(staff.id, 'available', now, 'offline')) await this.announce(staff);
    const presence = await this.staff.presence(staff.id);
    return { connectionId, availability: presence?.availability ?? 'available' };
  }

  async disconnected(connectionId: string): Promise<void> {
    this.ownConnections.delete(connectionId);
    await this.repository.closeConnection(connectionId, this.now());
  }

  async setAvailability(staff: StaffRef, availability: StaffAvailability): Promise<void> {
    if (await this.staff.setAvailability(staff.id, availability, this.now())) await this.announce(staff);
  }

  /** Marks this instance's sockets as still open; other instances judge liveness by it. */
  async touch(): Promise<void> {
    await this.repository.touchConnections([...this.ownConnections], this.now());
  }

  async purgeHistory(): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.purgedAt < PURGE_INTERVAL_MS) return;
    this.purgedAt = now;
    await this.repository.purgeConnections(new Date(now - CONNECTION_HISTORY_MS).toISOString());
  }

  /** The earliest `seen_at` a connection may have and still count as open. */
  liveSince(): string {
    return new Date(this.clock.now().getTime() - LIVE_CONNECTION_MS).toISOString();
  }

  async colleagues(deskId: string): Promise<StaffPresence[]> {
    return this.staff.presenceOfDesk(deskId);
  }

  /** Staff with no connection anywhere for `graceSeconds`, still on duty or holding conversations. */
  gone(deskId: string, graceSeconds: number): Promise<string[]> {
    return this.repository.gone(deskId, new Date(this.clock.now().getTime() - graceSeconds * 1000).toISOString());
  }

  async announce(staff: StaffRef): Promise<void> {
    const presence = await this.staff.presence(staff.id);
    if (presence) await this.bus.publish({ kind: 'staff-presence', deskId: staff.deskId, staff: presence });
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
