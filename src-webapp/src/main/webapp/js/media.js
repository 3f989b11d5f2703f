// The local camera and microphone, with fallbacks: audio and video, else audio only, else
// receive only.

const VIDEO = {width: {ideal: 1280}, height: {ideal: 720}, frameRate: {ideal: 30}};

// Tried in order until one works. After the first, a failure means no camera (NotFoundError), a
// busy one (NotReadableError) or one that cannot do what we asked; a refusal stops at once.
const ATTEMPTS = [
    {constraints: {audio: true, video: VIDEO}, problem: null, what: 'Camera and microphone'},
    {constraints: {audio: true}, problem: 'no-camera', what: 'Microphone alone'},
    {constraints: {video: VIDEO}, problem: 'no-microphone', what: 'Camera alone'},
];

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
    for (const attempt of ATTEMPTS) {
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

export function stopStream(stream) {
    for (const track of stream?.getTracks() ?? []) {
        track.stop();
    }
}
