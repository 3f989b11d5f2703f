// Whether the local microphone picks up speech, from an AnalyserNode on its track: the browsers'
// statistics report no level for what is sent in every browser, and what is received comes from
// getStats (netstats.js).
import {SPEAKING_LEVEL} from './netstats.js';

export class LocalSpeakingMeter {
    /** `onChange(speaking)` when it starts or stops. */
    constructor(onChange) {
        this.onChange = onChange;
        this.context = null;
        this.timer = null;
        this.speaking = false;
    }

    start(stream) {
        this.stop();
        const track = stream?.getAudioTracks()[0];
        const Context = window.AudioContext || window.webkitAudioContext;
        if (!track || !Context) {
            return;
        }
        this.context = new Context();
        const analyser = this.context.createAnalyser();
        analyser.fftSize = 512;
        this.context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
        const samples = new Float32Array(analyser.fftSize);
        this.timer = setInterval(() => {
            analyser.getFloatTimeDomainData(samples);
            let sum = 0;
            for (const sample of samples) {
                sum += sample * sample;
            }
            const speaking = track.enabled && Math.sqrt(sum / samples.length) > SPEAKING_LEVEL;
            if (speaking !== this.speaking) {
                this.speaking = speaking;
                this.onChange(speaking);
            }
        }, 200);
    }

    stop() {
        clearInterval(this.timer);
        this.timer = null;
        this.context?.close().catch(() => {});
        this.context = null;
        if (this.speaking) {
            this.speaking = false;
            this.onChange(false);
        }
    }
}
