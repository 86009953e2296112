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
}

export interface OutboundStats {
  audioBytesSent: number;
  videoBytesSent: number;
}

interface PeerLink {
  pc: RTCPeerConnection;
  polite: boolean;
  makingOffer: boolean;
  ignoreOffer: boolean;
  tracksAdded: boolean;
  bitrateCapped: boolean;
  remote: RemotePeer;
  lastLoss: { lost: number; received: number };
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

  bindCall(callId: string): void {
    this.#callId = callId;
  }

  setIceServers(iceServers: IceServer[]): void {
    this.#iceServers = iceServers;
    for (const link of this.#links.values()) link.pc.setConfiguration({ iceServers });
  }

  /** The members in the call now: links to new ones are made, links to those who left are closed. */
  syncMembers(joined: readonly CallPeer[]): void {
    if (this.#closed || !this.#local) return;
    for (const peer of joined) if (peer !== this.#options.self && !this.#links.has(peer)) this.#link(peer);
    for (const [peer, link] of this.#links) {
      if (!joined.includes(peer)) {
        link.pc.close();
        this.#links.delete(peer);
      }
    }
    this.#options.onChange();
  }

  async receive(from: CallPeer, signal: CallSignal): Promise<void> {
    if (this.#closed || !this.#local) return;
    const link = this.#links.get(from) ?? this.#link(from);
    const { pc } = link;
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
    if (!this.#screen) this.#replace('video', off ? null : this.#camera);
    this.#options.onChange();
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
    if (!this.#screen && !this.#cameraOff) this.#replace('video', track);
    this.#options.onChange();
  }

  async shareScreen(): Promise<void> {
    if (this.#screen) return this.#stopScreen();
    const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    const track = stream.getVideoTracks()[0];
    if (!track) return;
    this.#screen = track;
    track.addEventListener('ended', () => this.#stopScreen());
    this.#replace('video', track);
    this.#options.onChange();
  }

  #stopScreen(): void {
    this.#screen?.stop();
    this.#screen = null;
    this.#replace('video', this.#cameraOff ? null : this.#camera);
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

  #link(peer: CallPeer): PeerLink {
    const pc = new RTCPeerConnection({ iceServers: this.#iceServers });
    const remote: RemotePeer = { peer, stream: new MediaStream(), state: 'connecting', quality: null, roundTripMs: null, lossPercent: null, framesDecoded: 0 };
    const link: PeerLink = {
      pc,
      polite: this.#options.self > peer,
      makingOffer: false,
      ignoreOffer: false,
      tracksAdded: false,
      bitrateCapped: false,
      remote,
      lastLoss: { lost: 0, received: 0 },
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
      const muted = (track.kind === 'audio' && this.#muted) || (track.kind === 'video' && this.#cameraOff);
      if (muted) void sender.replaceTrack(null);
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

  #signal(to: CallPeer, signal: CallSignal): void {
    if (this.#callId) this.#options.send({ type: 'call.signal', callId: this.#callId, to, signal });
  }

  async #collectStats(): Promise<void> {
    const outbound: OutboundStats = { audioBytesSent: 0, videoBytesSent: 0 };
    const now = Date.now();
    for (const link of this.#links.values()) {
      const report = await link.pc.getStats();
      let lost = 0;
      let received = 0;
      let framesDecoded = 0;
      let roundTrip: number | null = null;
      report.forEach((stat: Record<string, unknown>) => {
        if (stat.type === 'outbound-rtp') {
          if (stat.kind === 'audio') outbound.audioBytesSent += Number(stat.bytesSent ?? 0);
          if (stat.kind === 'video') outbound.videoBytesSent += Number(stat.bytesSent ?? 0);
        } else if (stat.type === 'inbound-rtp') {
          lost += Number(stat.packetsLost ?? 0);
          received += Number(stat.packetsReceived ?? 0);
          if (stat.kind === 'video') framesDecoded += Number(stat.framesDecoded ?? 0);
        } else if (stat.type === 'candidate-pair' && stat.nominated && stat.state === 'succeeded' && typeof stat.currentRoundTripTime === 'number') {
          roundTrip = stat.currentRoundTripTime * 1000;
        }
      });
      const newLost = lost - link.lastLoss.lost;
      const newReceived = received - link.lastLoss.received;
      link.lastLoss = { lost, received };
      const remote = link.remote;
      remote.framesDecoded = framesDecoded;
      remote.roundTripMs = roundTrip === null ? null : Math.round(roundTrip);
      remote.lossPercent = newLost + newReceived > 0 ? Math.round((100 * Math.max(0, newLost)) / (newLost + newReceived)) : remote.lossPercent;
      remote.quality = remote.state === 'connected' ? qualityOf(remote.roundTripMs, remote.lossPercent) : null;
    }
    this.#outbound = outbound;
    const links = [...this.#links.values()];
    if (links.length > 0 && links.every((link) => link.downSince !== null && now - link.downSince > DROP_AFTER_MS)) {
      this.#options.onDropped();
    }
    this.#options.onChange();
  }
}

function toCandidate(candidate: RTCIceCandidate) {
  return {
    candidate: candidate.candidate,
    sdpMid: candidate.sdpMid,
    sdpMLineIndex: candidate.sdpMLineIndex,
    usernameFragment: candidate.usernameFragment,
  };
}

