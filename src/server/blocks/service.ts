/**
 * Blocking a visitor: a consultant or supervisor who may read a conversation blocks its visitor —
 * the device (if the visitor let the browser's device id be sent) and the network it came from
 * (IPv6 by its /64) — for a chosen time, with a reason; supervisors list the blocks in force and lift
 * them; both audited. While a block is in force, that device or network cannot start a
 * conversation, leave a message or book (`visitor_blocked`, with the end time and nothing of why).
 * A block ends by itself at its time (the clock decides; retention deletes it afterwards).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { StaffActor } from '../actor';
import type { AuditLog } from '../audit/audit-log';
import { clientNetwork } from '../client-address';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import { hashToken } from '../tokens';
import type { BlockRepository, StoredBlock } from './repository';

const HOUR_MS = 60 * 60 * 1000;

/** What a block is matched against: hashes only, never an address or a device id. */
export interface VisitorClient {
  networkHash: string;
  deviceHash: string | null;
}

/** The client of a visitor's request, as blocks know it. */
export function visitorClient(request: FastifyRequest, deviceId?: string): VisitorClient {
  return { networkHash: hashToken(clientNetwork(request.ip)), deviceHash: deviceId ? hashToken(deviceId) : null };
}

/** The conversation a block is made from: its visitor's hashes. */
export interface BlockedConversation {
  id: string;
  device_hash: string | null;
  network_hash: string | null;
}

export class BlockService {
  constructor(
    private readonly repository: BlockRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async assertNotBlocked(deskId: string, client: VisitorClient): Promise<void> {
    const block = await this.repository.findInForce(deskId, client, this.clock.now().toISOString());
    if (block) throw new AppError('visitor_blocked', block.until);
  }

  async block(staff: StaffActor, conversation: BlockedConversation, hours: number, reason: string): Promise<StoredBlock> {
    // A block of two null keys would match no one while staff believe the visitor blocked.
    if (conversation.device_hash === null && conversation.network_hash === null) throw new AppError('block_nothing_to_match');
    const now = this.clock.now();
    const block: StoredBlock = {
      id: randomUUID(),
      desk_id: staff.deskId,
      device_hash: conversation.device_hash,
      network_hash: conversation.network_hash,
      conversation_id: conversation.id,
      reason,
      staff_id: staff.id,
      staff_name: staff.name,
      created_at: now.toISOString(),
      until: new Date(now.getTime() + hours * HOUR_MS).toISOString(),
      lifted_at: null,
    };
    await this.repository.insert(block);
    await this.audit.record({
      deskId: staff.deskId,
      actor: { id: staff.id, name: staff.name },
      action: 'visitor.blocked',
      target: { type: 'conversation', id: conversation.id },
      detail: { blockId: block.id, hours, until: block.until, device: block.device_hash !== null, network: block.network_hash !== null },
    });
    return block;
  }

  list(deskId: string): Promise<StoredBlock[]> {
    return this.repository.listInForce(deskId, this.clock.now().toISOString());
  }

  async lift(staff: StaffActor, id: string): Promise<void> {
    const lifted = await this.repository.lift(staff.deskId, id, this.clock.now().toISOString());
    if (!lifted) throw new AppError('block_not_found');
    await this.audit.record({
      deskId: staff.deskId,
      actor: { id: staff.id, name: staff.name },
      action: 'visitor.unblocked',
      target: { type: 'conversation', id: lifted.conversation_id },
      detail: { blockId: id },
    });
  }
}
