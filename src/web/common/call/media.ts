/**
 * The camera and microphone, with reasons when they cannot be had (after LiveKit's errors): a
 * video call falls back to voice when there is no usable camera (or only the camera is refused),
 * and to text when there is no microphone or the person refused access.
 */
import type { CallKind, CallSettings } from '../../../shared/protocol';

export type CallErrorReason = 'permissionDenied' | 'deviceNotFound' | 'unsupported' | 'failed';

export class CallError extends Error {
  constructor(readonly reason: CallErrorReason) {
    super(reason);
    this.name = 'CallError';
  }

  static from(error: unknown): CallError {
    if (error instanceof CallError) return error;
    const name = error instanceof DOMException ? error.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError') return new CallError('permissionDenied');
    if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError') return new CallError('deviceNotFound');
    return new CallError('failed');
  }
}

export function videoConstraints(video: CallSettings['video']): MediaTrackConstraints {
  return {
    width: { ideal: video.width, max: video.width },
    height: { ideal: video.height, max: video.height },
    frameRate: { ideal: video.frameRate, max: video.frameRate },
  };
}

/** The media for a call of this kind, or of a lesser kind when the camera cannot be had. */
export async function acquireMedia(kind: CallKind, video: CallSettings['video']): Promise<{ stream: MediaStream; kind: CallKind }> {
  if (!navigator.mediaDevices?.getUserMedia || typeof RTCPeerConnection === 'undefined') throw new CallError('unsupported');
  if (kind === 'video') {
    try {
      return { stream: await navigator.mediaDevices.getUserMedia({ audio: true, video: videoConstraints(video) }), kind: 'video' };
    } catch (error) {
      // Refused outright: asking again for the microphone alone would only annoy, unless the
      // microphone is already allowed and only the camera was refused.
      if (CallError.from(error).reason === 'permissionDenied' && !(await microphoneAllowed())) throw CallError.from(error);
    }
  }
  try {
    return { stream: await navigator.mediaDevices.getUserMedia({ audio: true, video: false }), kind: 'voice' };
  } catch (error) {
    throw CallError.from(error);
  }
}

async function microphoneAllowed(): Promise<boolean> {
  try {
    return (await navigator.permissions.query({ name: 'microphone' as PermissionName })).state === 'granted';
  } catch {
    return false;
  }
}
