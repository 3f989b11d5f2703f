// What a peer's getStats() report says about its network and its sound: pure, no DOM or WebRTC,
// so the rules are unit-tested. The report is any iterable of RTCStats objects (an RTCStatsReport's
// values()).

/** Audio levels (0..1, an RMS level as RTCInboundRtpStreamStats define it) above this count as speaking. */
export const SPEAKING_LEVEL = 0.04;

/**
 * `{route, localType, remoteType, localAddress, remoteAddress, rttMs, lossPercent, audioLevel,
 * videoBytes, videoFrames, packetsReceived, packetsLost, audioEnergy, audioSeconds}` from one report.
 * `route` is 'relay' when either end of the selected candidate pair is a TURN relay, 'direct'
 * otherwise, '' before a pair is selected. `lossPercent` and `audioLevel` are over the interval
 * since `previous` (the summary of the report before), so they follow the network and the voice now
 * rather than since the call began: the level is the RMS of the received sound over that interval
 * (from totalAudioEnergy, so a word between two readings counts), or the browser's momentary
 * `audioLevel` without one. `lossPercent` is null until there is an interval to measure.
 */
export function summarize(stats, previous = null) {
    const byId = new Map();
    const transports = [];
    const pairs = [];
    let audioLevel = 0;
    let audioEnergy = 0;
    let audioSeconds = 0;
    let videoBytes = 0;
    let videoFrames = 0;
    let packetsReceived = 0;
    let packetsLost = 0;
    for (const s of stats) {
        byId.set(s.id, s);
        if (s.type === 'transport') {
            transports.push(s);
        } else if (s.type === 'candidate-pair') {
            pairs.push(s);
        } else if (s.type === 'inbound-rtp') {
            packetsReceived += s.packetsReceived || 0;
            packetsLost += Math.max(0, s.packetsLost || 0);
            if (s.kind === 'video') {
                videoBytes += s.bytesReceived || 0;
                videoFrames += s.framesDecoded || 0;
            } else if (s.kind === 'audio') {
                audioLevel = Math.max(audioLevel, s.audioLevel || 0);
                audioEnergy += s.totalAudioEnergy || 0;
                audioSeconds += s.totalSamplesDuration || 0;
            }
        }
    }
    const pair = selectedPair(transports, pairs, byId);
    const local = pair ? byId.get(pair.localCandidateId) : undefined;
    const remote = pair ? byId.get(pair.remoteCandidateId) : undefined;
    const localType = local?.candidateType ?? '';
    const remoteType = remote?.candidateType ?? '';
    const rtt = pair?.currentRoundTripTime;
    return {
        route: !pair ? '' : (localType === 'relay' || remoteType === 'relay' ? 'relay' : 'direct'),
        localType,
        remoteType,
        localAddress: local?.address ?? local?.ip ?? '',
        remoteAddress: remote?.address ?? remote?.ip ?? '',
        rttMs: typeof rtt === 'number' ? Math.round(rtt * 1000) : null,
        lossPercent: lossSince(previous, packetsReceived, packetsLost),
        audioLevel: levelSince(previous, audioEnergy, audioSeconds) ?? audioLevel,
        videoBytes,
        videoFrames,
        packetsReceived,
        packetsLost,
        audioEnergy,
        audioSeconds,
    };
}

/**
 * The pair in use: the transport's selectedCandidatePairId (Chromium), else the nominated pair
 * that reports itself selected (Firefox sets `selected` on candidate-pair stats and has no
 * transport stats).
 */
function selectedPair(transports, pairs, byId) {
    for (const transport of transports) {
        const pair = transport.selectedCandidatePairId && byId.get(transport.selectedCandidatePairId);
        if (pair) {
            return pair;
        }
    }
    return pairs.find((p) => p.selected) ?? pairs.find((p) => p.nominated && p.state === 'succeeded') ?? null;
}

function levelSince(previous, energy, seconds) {
    const duration = previous ? seconds - previous.audioSeconds : 0;
    // totalAudioEnergy is the integral of the squared level over time (WebRTC statistics).
    return duration > 0 ? Math.sqrt(Math.max(0, energy - previous.audioEnergy) / duration) : null;
}

function lossSince(previous, received, lost) {
    if (!previous) {
        return null;
    }
    const newReceived = received - previous.packetsReceived;
    const newLost = lost - previous.packetsLost;
    const expected = newReceived + newLost;
    if (expected <= 0) {
        return null;
    }
    return Math.round((1000 * Math.max(0, newLost)) / expected) / 10;
}

/** 'good' | 'fair' | 'poor' | '' (nothing measured yet), for the indicator's colour. */
export function quality({rttMs, lossPercent}) {
    if (rttMs === null && lossPercent === null) {
        return '';
    }
    if ((lossPercent ?? 0) >= 5 || (rttMs ?? 0) >= 400) {
        return 'poor';
    }
    if ((lossPercent ?? 0) >= 1 || (rttMs ?? 0) >= 150) {
        return 'fair';
    }
    return 'good';
}

/** The indicator's words: "direct · 12 ms · 0% loss", "relay · 80 ms", "connecting…". */
export function describe(summary) {
    if (!summary.route) {
        return 'connecting…';
    }
    const parts = [summary.route];
    if (summary.rttMs !== null) {
        parts.push(`${summary.rttMs} ms`);
    }
    if (summary.lossPercent !== null) {
        parts.push(`${summary.lossPercent}% loss`);
    }
    return parts.join(' · ');
}
