/** Calls (src/server/calls; docs/calls.md): state on the server, media peer to peer. */
import * as z from 'zod/mini';
import { conversationIdSchema } from './common';
import { interpreterLanguageSchema } from './staff';
import { defineRoute } from './contract';

/** A call placed now or booked for later (bookings). */
export const CALL_KINDS = ['voice', 'video'] as const;
export const callKindSchema = z.enum(CALL_KINDS);
export type CallKind = z.infer<typeof callKindSchema>;
const CALL_STATES = ['ringing', 'active', 'ended'] as const;
export type CallState = (typeof CALL_STATES)[number];
const CALL_OUTCOMES = ['answered', 'declined', 'missed'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
/** Why a call ended; `dropped`: a side lost the connection and it did not come back. */
const CALL_END_REASONS = ['hangup', 'declined', 'missed', 'dropped', 'conversation_closed'] as const;
export type CallEndReason = (typeof CALL_END_REASONS)[number];
const CALL_MEMBER_ROLES = ['visitor', 'consultant', 'interpreter'] as const;
export type CallMemberRole = (typeof CALL_MEMBER_ROLES)[number];

/** A side of a call as signalling addresses it: `visitor`, or a staff member's id. */
const callPeerSchema = z.union([z.literal('visitor'), z.uuid()]);
export type CallPeer = z.infer<typeof callPeerSchema>;

const callMemberSchema = z.object({
  peer: callPeerSchema,
  name: z.nullable(z.string()),
  role: z.enum(CALL_MEMBER_ROLES),
  /** False while an invited interpreter has not joined yet. */
  joined: z.boolean(),
  /** How many times the member has joined: it goes up when a reloaded page rejoins, and the others make new links to it. */
  joins: z.int().check(z.positive()),
});
export type CallMember = z.infer<typeof callMemberSchema>;

const callSchema = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  kind: callKindSchema,
  state: z.enum(CALL_STATES),
  outcome: z.nullable(z.enum(CALL_OUTCOMES)),
  endReason: z.nullable(z.enum(CALL_END_REASONS)),
  startedBy: callPeerSchema,
  startedAt: z.iso.datetime(),
  answeredAt: z.nullable(z.iso.datetime()),
  endedAt: z.nullable(z.iso.datetime()),
  /** Members in the call now (joined, not left) and interpreters invited into it. */
  members: z.array(callMemberSchema),
});
export type Call = z.infer<typeof callSchema>;

/** A finished call in the conversation's history (a `call_ended` system message): never media. */
export const callRecordSchema = z.object({
  kind: callKindSchema,
  startedBy: z.enum(['visitor', 'staff']),
  startedByName: z.nullable(z.string()),
  outcome: z.enum(CALL_OUTCOMES),
  endReason: z.enum(CALL_END_REASONS),
  startedAt: z.iso.datetime(),
  answeredAt: z.nullable(z.iso.datetime()),
  endedAt: z.iso.datetime(),
  /** Seconds from answer to end; 0 when nobody answered. */
  durationSeconds: z.int().check(z.nonnegative()),
});
export type CallRecord = z.infer<typeof callRecordSchema>;

const iceServerSchema = z.object({
  urls: z.array(z.string()),
  username: z.optional(z.string()),
  credential: z.optional(z.string()),
});
export type IceServer = z.infer<typeof iceServerSchema>;

/** Ceiling for one SDP; a browser's offer with audio, video and a screen is far below it. */
const MAX_SDP_CHARS = 60_000;

const callSignalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('offer'), sdp: z.string().check(z.maxLength(MAX_SDP_CHARS)) }),
  z.object({ kind: z.literal('answer'), sdp: z.string().check(z.maxLength(MAX_SDP_CHARS)) }),
  z.object({
    kind: z.literal('candidate'),
    /** Null: the sender has gathered all its candidates. */
    candidate: z.nullable(
      z.object({
        candidate: z.string().check(z.maxLength(2000)),
        sdpMid: z.nullable(z.string().check(z.maxLength(64))),
        sdpMLineIndex: z.nullable(z.int().check(z.nonnegative(), z.lte(64))),
        usernameFragment: z.optional(z.nullable(z.string().check(z.maxLength(256)))),
      }),
    ),
  }),
  /** The line is weak: video is switched off on both sides (`false`), or turned back on (`true`). */
  z.object({ kind: z.literal('video'), on: z.boolean() }),
]);
export type CallSignal = z.infer<typeof callSignalSchema>;
/** Which join of a member a signal is from or for: a page reloaded during the call is a new join. */
const joinsSchema = z.int().check(z.positive(), z.lte(1_000_000));

/** Staff a consultant may invite into a call as an interpreter. */
const interpreterSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  interpreterLanguages: z.array(interpreterLanguageSchema),
});
const interpreterListSchema = z.object({ interpreters: z.array(interpreterSchema) });
export type Interpreter = z.infer<typeof interpreterSchema>;

/** Starts a call: staff name the conversation; a visitor's socket is bound to one. */
const callStartFrame = z.object({
  type: z.literal('call.start'),
  conversationId: z.optional(conversationIdSchema),
  kind: callKindSchema,
});
/** Answers a ringing call, or joins one as an invited interpreter. */
const callAcceptFrame = z.object({ type: z.literal('call.accept'), callId: z.uuid() });
/** Declines a ringing call, or an invitation into one. */
const callDeclineFrame = z.object({ type: z.literal('call.decline'), callId: z.uuid() });
const callHangupFrame = z.object({
  type: z.literal('call.hangup'),
  callId: z.uuid(),
  /** `dropped`: the connection was lost and did not come back. */
  reason: z.optional(z.enum(['hangup', 'dropped'])),
});
/** Offer, answer (a renegotiation or an ICE restart is a new offer) or ICE candidate, to one peer. */
const callSignalFrame = z.object({
  type: z.literal('call.signal'),
  callId: z.uuid(),
  to: callPeerSchema,
  /** The addressee's join the sender's link is to, so a page reloaded since ignores what was meant for the old one. */
  toJoins: joinsSchema,
  signal: callSignalSchema,
});
/** Asks for fresh ICE servers (TURN credentials expire); answered with `call.ice`. */
const callIceRequestFrame = z.object({ type: z.literal('call.ice'), callId: z.uuid() });
/** The visitor asks the consultant to call them. */
const callRequestFrame = z.object({ type: z.literal('call.request') });
/** The consultant answers the visitor's request with "not now": the visitor is told so, politely. */
const callRequestDeclineFrame = z.object({ type: z.literal('call.request.decline'), conversationId: conversationIdSchema });
/** A member whose page was reloaded during the call takes part again from this page; answered with `call.ice`. */
const callRejoinFrame = z.object({ type: z.literal('call.rejoin'), callId: z.uuid() });
/** The consultant invites a staff member into the call as an interpreter. */
const callInviteFrame = z.object({ type: z.literal('call.invite'), callId: z.uuid(), staffId: z.uuid() });

/** A call's state changed (or, after a hello, a call that is live now). */
const callUpdatedFrame = z.object({ type: z.literal('call.updated'), call: callSchema });
const callSignalRelayFrame = z.object({
  type: z.literal('call.signal'),
  callId: z.uuid(),
  from: callPeerSchema,
  /** The sender's join (the server's record), so a link to an earlier page of theirs is replaced. */
  fromJoins: joinsSchema,
  toJoins: joinsSchema,
  signal: callSignalSchema,
});
/** ICE servers for one call, with TURN credentials valid until `expiresAt`. */
const callIceFrame = z.object({
  type: z.literal('call.ice'),
  callId: z.uuid(),
  iceServers: z.array(iceServerSchema),
  expiresAt: z.iso.datetime(),
});

/** Frames this domain receives; protocol.ts joins every domain's into one union. */
export const CALL_CLIENT_FRAMES = [callStartFrame, callAcceptFrame, callDeclineFrame, callHangupFrame, callSignalFrame, callIceRequestFrame, callRequestFrame, callRequestDeclineFrame, callInviteFrame, callRejoinFrame] as const;

/** Frames this domain sends. */
export const CALL_SERVER_FRAMES = [callUpdatedFrame, callSignalRelayFrame, callIceFrame] as const;

/** The office's call settings in /admin. */
export const callPolicySchema = z.object({
  /** A visitor may start a call themselves; otherwise they ask for one and the consultant calls. */
  visitorMayStart: z.boolean(),
});
export type CallPolicy = z.infer<typeof callPolicySchema>;
const callPolicyPatchSchema = z.partial(callPolicySchema);
export type CallPolicyPatch = z.infer<typeof callPolicyPatchSchema>;

export const CALL_SETTINGS_ROUTES = {
  get: defineRoute({ method: 'GET', path: '/api/admin/calls', auth: 'admin', response: callPolicySchema }),
  update: defineRoute({ method: 'PUT', path: '/api/admin/calls', auth: 'admin', body: callPolicyPatchSchema, response: callPolicySchema }),
};

export const CALL_ROUTES = {
  /** Interpreters of the language asked (e.g. `pjm`), available now, not the caller. */
  interpreters: defineRoute({
    method: 'GET',
    path: '/api/calls/interpreters',
    auth: 'staff',
    query: z.object({ language: z.optional(interpreterLanguageSchema) }),
    response: interpreterListSchema,
  }),
};
