/**
 * The floor: a bare `ws` relay with no persistence, no validation and no acks. A visitor socket
 * (?role=visitor&id=<conversation>&consultant=<k>) is paired with consultant socket k
 * (?role=consultant&id=<k>); frames are parsed and re-serialised once each way, as any real relay
 * must, and carry message objects shaped like ours so the bytes on the wire are comparable.
 * Run as its own process by the bench: PORT=<port> node --import tsx bench/floor-relay.ts
 */
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

const consultants = new Map<string, WebSocket>();
const visitors = new Map<string, WebSocket>();

interface SendFrame {
  conversationId?: string;
  clientId: string;
  body: string;
}

function message(author: 'visitor' | 'staff', frame: SendFrame) {
  return { seq: 0, clientId: frame.clientId, author, authorName: null, body: frame.body, event: null, sentAt: new Date().toISOString() };
}

function fromVisitor(conversationId: string, consultant: string, data: RawData): void {
  const frame = JSON.parse(data.toString()) as SendFrame;
  consultants.get(consultant)?.send(JSON.stringify({ type: 'message', conversationId, message: message('visitor', frame) }));
}

function fromConsultant(data: RawData): void {
  const frame = JSON.parse(data.toString()) as SendFrame;
  visitors.get(frame.conversationId ?? '')?.send(JSON.stringify({ type: 'message', message: message('staff', frame) }));
}

const server = new WebSocketServer({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0), maxPayload: 128 * 1024 });

server.on('connection', (socket, request) => {
  const params = new URL(request.url ?? '/', 'http://relay').searchParams;
  const id = params.get('id') ?? '';
  if (params.get('role') === 'consultant') {
    consultants.set(id, socket);
    socket.on('message', fromConsultant);
    socket.on('close', () => consultants.delete(id));
  } else {
    const consultant = params.get('consultant') ?? '';
    visitors.set(id, socket);
    socket.on('message', (data) => fromVisitor(id, consultant, data));
    socket.on('close', () => visitors.delete(id));
  }
});

server.on('listening', () => console.log('listening'));
process.once('SIGTERM', () => process.exit(0));
