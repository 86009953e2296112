/**
 * One call in the browser: the local camera and microphone, and one RTCPeerConnection to each
 * other member (a full mesh: two peers in a 1:1 call, three with an interpreter). Signalling runs
 * over the desk's WebSocket; each pair negotiates with the "perfect negotiation" pattern, so an
 * ICE restart or a renegotiation from either side at the same time settles itself: the side
 * whose peer id sorts higher is polite and yields. Only the impolite side offers first; the polite
 * side adds its media when it answers, so a call needs one offer and one answer per pair.
 */
import type { CallKind, CallPeer, CallSettings, CallSignal, ClientFrame, IceServer } from '../../../shared/protocol';
import { acquireMedia } from './media';
import { WeakLineDetector, type LineSample } from './weak-line';

export type PeerState = 'connecting' | 'connected' | 'reconnecting' | 'failed';
export type Quality = 'good' | 'fair' | 'poor';

/** What the view shows of one other member, with the numbers the quality indicator is made of. */
export interface RemotePeer {
  peer: CallPeer;
  stream: MediaStream;
  state: PeerState;
  quality: Quality | null;
  roundTripMs: number | null;
  lossPercent: number | null;
  framesDecoded: number;
  /** What this side may send to them now (kbit/s), while it sends video. */
  outgoingKbps: number | null;
}

export interface OutboundStats {
  audioBytesSent: number;
  videoBytesSent: number;
}

/** A member in the call and which of their joins (a reloaded page joins again) a link is to. */
export interface JoinedPeer {
  peer: CallPeer;
  joins: number;
}

interface PeerLink {
  pc: RTCPeerConnection;
  /** The other member's join this link is to. */
  joins: number;
  polite: boolean;
  makingOffer: boolean;
  ignoreOffer: boolean;
  tracksAdded: boolean;
  bitrateCapped: boolean;
  remote: RemotePeer;
  lastLoss: { lost: number; received: number };
  lastFrames: { dropped: number; received: number };
  /** Since when the link has been down; a link down for DROP_AFTER_MS ends the call as dropped. */
  downSince: number | null;
}

export interface CallSessionOptions {
  /** Null until the server has named the call (the caller opens the camera first). */
  callId: string | null;
  self: CallPeer;
  settings: CallSettings;
  send: (frame: ClientFrame) => boolean;
  onChange: () => void;
  /** The connection to every other member was lost and did not come back. */
  onDropped: () => void;
}

/** A signal as the server relays it: which join of the sender it is from, which of this side it is for. */
export interface ReceivedSignal {
  from: CallPeer;
  fromJoins: number;
  toJoins: number;
  signal: CallSignal;
}

const STATS_INTERVAL_MS = 2_000;
const DROP_AFTER_MS = 20_000;

export function qualityOf(roundTripMs: number | null, lossPercent: number | null): Quality | null {
  if (roundTripMs === null && lossPercent === null) return null;
  const rtt = roundTripMs ?? 0;
  const loss = lossPercent ?? 0;
  if (rtt < 300 && loss < 2) return 'good';
  if (rtt < 700 && loss < 8) return 'fair';
  return 'poor';
}

export class CallSession {
  readonly #options: CallSessionOptions;
  readonly #links = new Map<CallPeer, PeerLink>();
  #iceServers: IceServer[] = [];
  #local: MediaStream | null = null;
  #camera: MediaStreamTrack | null = null;
  #screen: MediaStreamTrack | null = null;
  #muted = false;
  #cameraOff = false;
  #outbound: OutboundStats = { audioBytesSent: 0, videoBytesSent: 0 };
  #statsTimer: ReturnType<typeof setInterval> | undefined;
  #closed = false;
  #callId: string | null;
  /** This page's join of the call (1, or more once a reloaded page rejoined). */
  #joins = 1;
  /** The line was weak, so video is off on both sides until someone turns it back on. */
  #steppedDown = false;
  readonly #weakLine = new WeakLineDetector();

  constructor(options: CallSessionOptions) {
    this.#options = options;
    this.#callId = options.callId;
    addEventListener('online', this.#restartAll);
    this.#statsTimer = setInterval(() => void this.#collectStats(), STATS_INTERVAL_MS);
  }

  get local(): MediaStream | null {
    return this.#local;
  }
  get muted(): boolean {
    return this.#muted;
  }
  get cameraOff(): boolean {
    return this.#cameraOff || !this.#camera;
  }
  get hasVideo(): boolean {
    return this.#camera !== null;
  }
  get sharingScreen(): boolean {
    return this.#screen !== null;
  }
  /** Video went off by itself on a weak line (here or at the other side); either side may turn it back on. */
  get steppedDown(): boolean {
    return this.#steppedDown;
  }
  get outbound(): OutboundStats {
    return this.#outbound;
  }
  get remotes(): RemotePeer[] {
    return [...this.#links.values()].map((link) => link.remote);
  }

  /** Opens the camera and microphone (video falls back to voice); returns the kind it got. */
  async start(kind: CallKind): Promise<{ kind: CallKind; fellBack: boolean }> {
    const media = await acquireMedia(kind, this.#options.settings.video);
    this.#local = media.stream;
    this.#camera = media.stream.getVideoTracks()[0] ?? null;
    this.#options.onChange();
    return { kind: media.kind, fellBack: media.kind !== kind };
  }

  /** The call's id and which join of it this page is. */
  bindCall(callId: string, joins: number): void {
    this.#callId = callId;
    this.#joins = joins;
  }

  setIceServers(iceServers: IceServer[]): void {
    this.#iceServers = iceServers;
    for (const link of this.#links.values()) link.pc.setConfiguration({ iceServers });
  }

  /**
   * The members in the call now: links to new ones are made, links to those who left are closed,
   * and a member who joined again (their page was reloaded) gets a new link.
   */
  syncMembers(joined: readonly JoinedPeer[]): void {
    if (this.#closed || !this.#local) return;
    for (const { peer, joins } of joined) if (peer !== this.#options.self) this.#linkTo(peer, joins);
    for (const [peer, link] of this.#links) {
      if (!joined.some((member) => member.peer === peer)) this.#unlink(peer, link);
    }
    this.#options.onChange();
  }

  async receive({ from, fromJoins, toJoins, signal }: ReceivedSignal): Promise<void> {
    // Meant for this member's earlier page, or from an earlier page of the sender's: stale.
    if (this.#closed || !this.#local || toJoins !== this.#joins) return;
    const current = this.#links.get(from);
    if (current && fromJoins < current.joins) return;
    const link = this.#linkTo(from, fromJoins);
    const { pc } = link;
    if (signal.kind === 'video') return this.#stepDown(!signal.on, false);
    try {
      if (signal.kind === 'candidate') {
        try {
          await pc.addIceCandidate(signal.candidate ?? undefined);
        } catch (error) {
          if (!link.ignoreOffer) throw error;
        }
        return;
      }
      const collision = signal.kind === 'offer' && (link.makingOffer || pc.signalingState !== 'stable');
      link.ignoreOffer = !link.polite && collision;
      if (link.ignoreOffer) return;
      await pc.setRemoteDescription({ type: signal.kind, sdp: signal.sdp });
      if (signal.kind === 'offer') {
        this.#addTracks(link);
        await pc.setLocalDescription();
        this.#signal(from, { kind: 'answer', sdp: pc.localDescription?.sdp ?? '' });
      }
      this.#capVideo(link);
    } catch (error) {
      console.warn('Call signalling failed', error);
    }
  }

  setMuted(muted: boolean): void {
    this.#muted = muted;
    const track = this.#local?.getAudioTracks()[0] ?? null;
    if (track) track.enabled = !muted;
    // Replacing the track with nothing stops the packets, not just the sound.
    this.#replace('audio', muted ? null : track);
    this.#options.onChange();
  }

  setCameraOff(off: boolean): void {
    this.#cameraOff = off;
    if (this.#camera) this.#camera.enabled = !off;
    this.#replace('video', this.#videoToSend());
    this.#options.onChange();
  }

  /** Either side turns video back on after the weak line switched it off; the other side's comes back too. */
  turnVideoBackOn(): void {
    this.#stepDown(false, true);
  }

  /** Voice only from now on: the camera is released (battery, bandwidth); the call goes on. */
  audioOnly(): void {
    this.#replace('video', null);
    this.#camera?.stop();
    if (this.#camera) this.#local?.removeTrack(this.#camera);
    this.#camera = null;
    this.#options.onChange();
  }

  async cameras(): Promise<MediaDeviceInfo[]> {
    const devices = await navigator.mediaDevices.enumerateDevices();
    return devices.filter((device) => device.kind === 'videoinput');
  }

  /** The next camera (front/back on a phone). */
  async switchCamera(): Promise<void> {
    const cameras = await this.cameras();
    if (cameras.length < 2 || !this.#camera) return;
    const current = this.#camera.getSettings().deviceId;
    const next = cameras[(cameras.findIndex((c) => c.deviceId === current) + 1) % cameras.length]!;
    const { width, height, frameRate } = this.#options.settings.video;
    const stream = await navigator.mediaDevices.getUserMedia({
      video: { deviceId: { exact: next.deviceId }, width: { ideal: width, max: width }, height: { ideal: height, max: height }, frameRate: { max: frameRate } },
    });
    const track = stream.getVideoTracks()[0]!;
    this.#camera.stop();
    this.#local?.removeTrack(this.#camera);
    this.#local?.addTrack(track);
    this.#camera = track;
    track.enabled = !this.#cameraOff;
    this.#replace('video', this.#videoToSend());
    this.#options.onChange();
  }

  async shareScreen(): Promise<void> {
    if (this.#screen) return this.#stopScreen();
    const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    const track = stream.getVideoTracks()[0];
    if (!track) return;
    this.#screen = track;
    track.addEventListener('ended', () => this.#stopScreen());
    this.#replace('video', this.#videoToSend());
    this.#options.onChange();
  }

  #stopScreen(): void {
    this.#screen?.stop();
    this.#screen = null;
    this.#replace('video', this.#videoToSend());
    this.#options.onChange();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    removeEventListener('online', this.#restartAll);
    clearInterval(this.#statsTimer);
    for (const link of this.#links.values()) link.pc.close();
    this.#links.clear();
    for (const track of this.#local?.getTracks() ?? []) track.stop();
    this.#screen?.stop();
    this.#options.onChange();
  }

  /**
   * The link to this join of the member: the one there (also when news of a later join came
   * first), or a new one replacing a link to an earlier join.
   */
  #linkTo(peer: CallPeer, joins: number): PeerLink {
    const existing = this.#links.get(peer);
    if (existing && existing.joins >= joins) return existing;
    if (existing) this.#unlink(peer, existing);
    return this.#link(peer, joins);
  }

  #unlink(peer: CallPeer, link: PeerLink): void {
    link.pc.close();
    this.#links.delete(peer);
  }

  #link(peer: CallPeer, joins: number): PeerLink {
    const pc = new RTCPeerConnection({ iceServers: this.#iceServers });
    const remote: RemotePeer = { peer, stream: new MediaStream(), state: 'connecting', quality: null, roundTripMs: null, lossPercent: null, framesDecoded: 0, outgoingKbps: null };
    const link: PeerLink = {
      pc,
      joins,
      polite: this.#options.self > peer,
      makingOffer: false,
      ignoreOffer: false,
      tracksAdded: false,
      bitrateCapped: false,
      remote,
      lastLoss: { lost: 0, received: 0 },
      lastFrames: { dropped: 0, received: 0 },
      downSince: null,
    };
    this.#links.set(peer, link);
    pc.ontrack = ({ track }) => {
      remote.stream.addTrack(track);
      this.#options.onChange();
    };
    pc.onicecandidate = ({ candidate }) => this.#signal(peer, { kind: 'candidate', candidate: candidate ? toCandidate(candidate) : null });
    pc.onnegotiationneeded = async () => {
      try {
        link.makingOffer = true;
        await pc.setLocalDescription();
        this.#signal(peer, { kind: 'offer', sdp: pc.localDescription?.sdp ?? '' });
      } catch (error) {
        console.warn('Could not make a call offer', error);
      } finally {
        link.makingOffer = false;
      }
    };
    pc.oniceconnectionstatechange = () => this.#onIceState(link);
    if (!link.polite) this.#addTracks(link);
    return link;
  }

  #addTracks(link: PeerLink): void {
    if (link.tracksAdded || !this.#local) return;
    link.tracksAdded = true;
    for (const track of this.#local.getTracks()) {
      const sender = link.pc.addTrack(track, this.#local);
      if (track.kind === 'audio' && this.#muted) void sender.replaceTrack(null);
      if (track.kind === 'video' && track !== this.#videoToSend()) void sender.replaceTrack(this.#videoToSend());
    }
  }

  /** Bad networks: the video is capped in bitrate as well as in size and frame rate. */
  #capVideo(link: PeerLink): void {
    if (link.bitrateCapped) return;
    for (const transceiver of link.pc.getTransceivers()) {
      if (transceiver.receiver.track.kind !== 'video') continue;
      const sender = transceiver.sender;
      const parameters = sender.getParameters();
      if (!parameters.encodings || parameters.encodings.length === 0) continue;
      for (const encoding of parameters.encodings) encoding.maxBitrate = this.#options.settings.video.maxBitrateKbps * 1000;
      void sender.setParameters(parameters).catch((error: unknown) => console.warn('Could not cap the video bitrate', error));
      link.bitrateCapped = true;
    }
  }

  #onIceState(link: PeerLink): void {
    const state = link.pc.iceConnectionState;
    if (state === 'connected' || state === 'completed') {
      link.remote.state = 'connected';
      link.downSince = null;
      this.#capVideo(link);
    } else if (state === 'disconnected' || state === 'failed') {
      link.remote.state = state === 'failed' ? 'failed' : 'reconnecting';
      link.downSince ??= Date.now();
      // The network changed or broke: gather new candidates and negotiate them (an ICE restart).
      link.pc.restartIce();
    }
    this.#options.onChange();
  }

  readonly #restartAll = (): void => {
    for (const link of this.#links.values()) link.pc.restartIce();
  };

  #replace(kind: 'audio' | 'video', track: MediaStreamTrack | null): void {
    for (const link of this.#links.values()) {
      for (const transceiver of link.pc.getTransceivers()) {
        if (transceiver.receiver.track.kind === kind && transceiver.sender) void transceiver.sender.replaceTrack(track);
      }
    }
  }

  /** What this side sends as video now: the screen, the camera, or nothing (camera off, or the line stepped down). */
  #videoToSend(): MediaStreamTrack | null {
    if (this.#steppedDown) return null;
    return this.#screen ?? (this.#cameraOff ? null : this.#camera);
  }

  /** Video off (`true`) or back on for the call; `tell`: this side decided, so the others follow. */
  #stepDown(down: boolean, tell: boolean): void {
    if (this.#steppedDown === down) return;
    this.#steppedDown = down;
    this.#weakLine.reset();
    this.#replace('video', this.#videoToSend());
    if (tell) for (const peer of this.#links.keys()) this.#signal(peer, { kind: 'video', on: !down });
    this.#options.onChange();
  }

  #signal(to: CallPeer, signal: CallSignal): void {
    const toJoins = this.#links.get(to)?.joins;
    if (this.#callId && toJoins) this.#options.send({ type: 'call.signal', callId: this.#callId, to, toJoins, signal });
  }

  async #collectStats(): Promise<void> {
    const outbound: OutboundStats = { audioBytesSent: 0, videoBytesSent: 0 };
    const now = Date.now();
    const samples: LineSample[] = [];
    let videoFlows = false;
    for (const link of this.#links.values()) {
      const report = await link.pc.getStats();
      let lost = 0;
      let received = 0;
      let framesDecoded = 0;
      let framesDropped = 0;
      let framesReceived = 0;
      let roundTrip: number | null = null;
      let sentLossPercent: number | null = null;
      let outgoingKbps: number | null = null;
      const squeeze = (bitsPerSecond: unknown) => {
        if (typeof bitsPerSecond === 'number' && bitsPerSecond > 0) outgoingKbps = Math.min(outgoingKbps ?? Infinity, bitsPerSecond / 1000);
      };
      report.forEach((stat: Record<string, unknown>) => {
        if (stat.type === 'outbound-rtp') {
          if (stat.kind === 'audio') outbound.audioBytesSent += Number(stat.bytesSent ?? 0);
          if (stat.kind === 'video') {
            outbound.videoBytesSent += Number(stat.bytesSent ?? 0);
            // The encoder's target follows the bandwidth estimate (and any cap on the sender).
            if (this.#videoToSend()) squeeze(stat.targetBitrate);
          }
        } else if (stat.type === 'remote-inbound-rtp' && typeof stat.fractionLost === 'number') {
          sentLossPercent = Math.max(sentLossPercent ?? 0, stat.fractionLost * 100);
        } else if (stat.type === 'inbound-rtp') {
          lost += Number(stat.packetsLost ?? 0);
          received += Number(stat.packetsReceived ?? 0);
          if (stat.kind === 'video') {
            framesDecoded += Number(stat.framesDecoded ?? 0);
            framesDropped += Number(stat.framesDropped ?? 0);
            framesReceived += Number(stat.framesReceived ?? 0);
          }
        } else if (stat.type === 'candidate-pair' && stat.nominated && stat.state === 'succeeded') {
          if (typeof stat.currentRoundTripTime === 'number') roundTrip = stat.currentRoundTripTime * 1000;
          if (this.#videoToSend()) squeeze(stat.availableOutgoingBitrate);
        }
      });
      const newLost = lost - link.lastLoss.lost;
      const newReceived = received - link.lastLoss.received;
      link.lastLoss = { lost, received };
      const newFramesReceived = framesReceived - link.lastFrames.received;
      const newFramesDropped = framesDropped - link.lastFrames.dropped;
      link.lastFrames = { dropped: framesDropped, received: framesReceived };
      const remote = link.remote;
      videoFlows ||= newFramesReceived > 0 || this.#videoToSend() !== null;
      remote.framesDecoded = framesDecoded;
      remote.roundTripMs = roundTrip === null ? null : Math.round(roundTrip);
      remote.lossPercent = newLost + newReceived > 0 ? Math.round((100 * Math.max(0, newLost)) / (newLost + newReceived)) : remote.lossPercent;
      remote.quality = remote.state === 'connected' ? qualityOf(remote.roundTripMs, remote.lossPercent) : null;
      remote.outgoingKbps = outgoingKbps === null ? null : Math.round(outgoingKbps);
      if (remote.state === 'connected') {
        const losses = [remote.lossPercent, sentLossPercent].filter((value): value is number => value !== null);
        samples.push({
          lossPercent: losses.length > 0 ? Math.max(...losses) : null,
          outgoingKbps,
          framesDroppedPercent: newFramesReceived > 0 ? (100 * Math.max(0, newFramesDropped)) / newFramesReceived : null,
        });
      }
    }
    this.#outbound = outbound;
    // Only while video flows somewhere: a voice call has nothing to step down from.
    if (!this.#steppedDown && videoFlows && samples.length > 0 && this.#weakLine.push(worst(samples))) this.#stepDown(true, true);
    const links = [...this.#links.values()];
    if (links.length > 0 && links.every((link) => link.downSince !== null && now - link.downSince > DROP_AFTER_MS)) {
      this.#options.onDropped();
    }
    this.#options.onChange();
  }
}

/** The worst of the links' samples, number by number: one weak link is enough to step down. */
function worst(samples: LineSample[]): LineSample {
  const most = (values: (number | null)[]) => (values.some((v) => v !== null) ? Math.max(...values.filter((v): v is number => v !== null)) : null);
  const least = (values: (number | null)[]) => (values.some((v) => v !== null) ? Math.min(...values.filter((v): v is number => v !== null)) : null);
  return {
    lossPercent: most(samples.map((sample) => sample.lossPercent)),
    outgoingKbps: least(samples.map((sample) => sample.outgoingKbps)),
    framesDroppedPercent: most(samples.map((sample) => sample.framesDroppedPercent)),
  };
}

function toCandidate(candidate: RTCIceCandidate) {
  return {
    candidate: candidate.candidate,
    sdpMid: candidate.sdpMid,
    sdpMLineIndex: candidate.sdpMLineIndex,
    usernameFragment: candidate.usernameFragment,
  };
}

