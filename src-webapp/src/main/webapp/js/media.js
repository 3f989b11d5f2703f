// The local camera and microphone, with fallbacks: audio and video, else audio only, else
// receive only.

const VIDEO = {width: {ideal: 1280}, height: {ideal: 720}, frameRate: {ideal: 30}};

/**
 * Returns `{stream, problem}`: `stream` is a MediaStream or null (receive only); `problem` is
 * null, 'denied' (the person or the browser refused access), 'no-camera' (audio only),
 * 'no-microphone' (video only), 'no-devices' or 'unsupported'.
 */
export async function getLocalMedia() {
    const media = navigator.mediaDevices;
    if (!media || typeof media.getUserMedia !== 'function') {
        return {stream: null, problem: 'unsupported'};
    }
    try {
        return {stream: await media.getUserMedia({audio: true, video: VIDEO}), problem: null};
    } catch (error) {
        console.warn('Camera and microphone not available:', error.name);
        if (isDenied(error)) {
            return {stream: null, problem: 'denied'};
        }
    }
    // No camera (NotFoundError), or it is busy (NotReadableError), or it cannot do what we asked.
    try {
        return {stream: await media.getUserMedia({audio: true}), problem: 'no-camera'};
    } catch (error) {
        console.warn('Microphone alone not available:', error.name);
        if (isDenied(error)) {
            return {stream: null, problem: 'denied'};
        }
    }
    try {
        return {stream: await media.getUserMedia({video: VIDEO}), problem: 'no-microphone'};
    } catch (error) {
        console.warn('Camera alone not available:', error.name);
        return {stream: null, problem: isDenied(error) ? 'denied' : 'no-devices'};
    }
}

function isDenied(error) {
    return error?.name === 'NotAllowedError' || error?.name === 'SecurityError' || error?.name === 'PermissionDeniedError';
}

export function stopStream(stream) {
    for (const track of stream?.getTracks() ?? []) {
        track.stop();
    }
}
