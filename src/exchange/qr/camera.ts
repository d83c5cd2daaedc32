// Camera access for scanning: list cameras, open one (rear-facing by default), torch where the
// track offers it. Errors become PkiError codes the UI can explain.
import { PkiError } from '../../pki/index.ts';

export interface CameraInfo {
  readonly deviceId: string;
  readonly label: string;
}

/** Video inputs; labels are empty until the user has granted camera access once. */
export async function listCameras(): Promise<CameraInfo[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((d) => d.kind === 'videoinput')
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
}

/**
 * Opens a camera stream. Throws PkiError QR_CAMERA_UNAVAILABLE (no camera, no API, insecure page)
 * or QR_CAMERA_DENIED (the user or policy refused).
 */
export async function openCamera(deviceId?: string): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new PkiError('QR_CAMERA_UNAVAILABLE', 'this browser offers no camera access here (it needs https or localhost)');
  }
  const video: MediaTrackConstraints = deviceId
    ? { deviceId: { exact: deviceId } }
    : { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } };
  try {
    return await navigator.mediaDevices.getUserMedia({ video, audio: false });
  } catch (cause) {
    const name = cause instanceof DOMException ? cause.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError') {
      throw new PkiError('QR_CAMERA_DENIED', 'camera access was refused', { cause });
    }
    throw new PkiError('QR_CAMERA_UNAVAILABLE', `no usable camera (${name || 'error'})`, { cause });
  }
}

/** True when the stream's video track can switch a torch (most phone rear cameras). */
export function hasTorch(stream: MediaStream): boolean {
  const track = stream.getVideoTracks()[0];
  const caps = track?.getCapabilities?.() as (MediaTrackCapabilities & { torch?: boolean }) | undefined;
  return caps?.torch === true;
}

export async function setTorch(stream: MediaStream, on: boolean): Promise<void> {
  const track = stream.getVideoTracks()[0];
  if (!track) return;
  await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
}

export function stopCamera(stream: MediaStream | undefined): void {
  for (const t of stream?.getTracks() ?? []) t.stop();
}
