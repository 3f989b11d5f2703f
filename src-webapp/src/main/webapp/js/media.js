// The local camera and microphone, with fallbacks: audio and video, else audio only, else
// receive only.

const VIDEO = {width: {ideal: 1280}, height: {ideal: 720}, frameRate: {ideal: 30}};


/**
 * The constraints for one kind: the chosen device when there is one (`ideal`, so a device that went
 * away falls back to another rather than failing).
 */
export function constraintsFor(kind, deviceId) {
    const base = kind === 'video' ? {...VIDEO} : {};
    if (deviceId) {
        base.deviceId = {ideal: deviceId};
    }
    return Object.keys(base).length === 0 ? true : base;
}

/**
 * Returns `{stream, problem}`: `stream` is a MediaStream or null (receive only); `problem` is
 * null, 'denied' (the person or the browser refused access), 'no-camera' (audio only),
 * 'no-microphone' (video only), 'no-devices' or 'unsupported'.
 */
export async function getLocalMedia({cameraId = '', microphoneId = ''} = {}) {
    const media = navigator.mediaDevices;
    if (!media || typeof media.getUserMedia !== 'function') {
        return {stream: null, problem: 'unsupported'};
    }
    const audio = constraintsFor('audio', microphoneId);
    const video = constraintsFor('video', cameraId);
    // Tried in order until one works. After the first, a failure means no camera (NotFoundError), a
    // busy one (NotReadableError) or one that cannot do what we asked; a refusal stops at once.
    const attempts = [
        {constraints: {audio, video}, problem: null, what: 'Camera and microphone'},
        {constraints: {audio}, problem: 'no-camera', what: 'Microphone alone'},
        {constraints: {video}, problem: 'no-microphone', what: 'Camera alone'},
    ];
    for (const attempt of attempts) {
        try {
            return {stream: await media.getUserMedia(attempt.constraints), problem: attempt.problem};
        } catch (error) {
            console.warn(`${attempt.what} not available:`, error.name);
            if (isDenied(error)) {
                return {stream: null, problem: 'denied'};
            }
        }
    }
    return {stream: null, problem: 'no-devices'};
}

function isDenied(error) {
    return error?.name === 'NotAllowedError' || error?.name === 'SecurityError' || error?.name === 'PermissionDeniedError';
}

/**
 * A new track of `kind` ('audio' | 'video') from the device the person just chose: that one
 * (`exact`), or an error, rather than whichever the browser prefers.
 */
export async function getDeviceTrack(kind, deviceId) {
    const constraints = kind === 'video' ? {...VIDEO, deviceId: {exact: deviceId}} : {deviceId: {exact: deviceId}};
    const stream = await navigator.mediaDevices.getUserMedia({[kind]: constraints});
    return stream.getTracks()[0];
}

/** `{cameras, microphones, speakers}`: MediaDeviceInfo lists; speakers only where output can be chosen. */
export async function listDevices() {
    const devices = await navigator.mediaDevices?.enumerateDevices?.() ?? [];
    return {
        cameras: devices.filter((d) => d.kind === 'videoinput'),
        microphones: devices.filter((d) => d.kind === 'audioinput'),
        speakers: 'setSinkId' in HTMLMediaElement.prototype ? devices.filter((d) => d.kind === 'audiooutput') : [],
    };
}

/** The shared screen's video track, or null when the person cancelled or the browser cannot. */
export async function getScreenTrack() {
    if (!navigator.mediaDevices?.getDisplayMedia) {
        return null;
    }
    try {
        const stream = await navigator.mediaDevices.getDisplayMedia({video: true, audio: false});
        return stream.getVideoTracks()[0] ?? null;
    } catch (error) {
        console.warn('Screen sharing not started:', error.name);
        return null;
    }
}

export function stopStream(stream) {
    for (const track of stream?.getTracks() ?? []) {
        track.stop();
    }
}
