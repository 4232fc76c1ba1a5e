// The audible notice: two short tones from Web Audio (no sound file to load). Browsers only let a
// page play sound after a user gesture, so the context is made on the first click or key press.
let ctx: AudioContext | null = null;

export function armAudio(): void {
  const make = () => {
    try {
      ctx ??= new AudioContext();
      void ctx.resume();
    } catch {
      ctx = null; // no audio here: the visible notice still shows
    }
  };
  document.addEventListener('pointerdown', make, { once: true });
  document.addEventListener('keydown', make, { once: true });
}

/** Two tones, 880 Hz then 660 Hz; returns false when sound is not available. */
export function beep(): boolean {
  if (!ctx || ctx.state !== 'running') return false;
  const start = ctx.currentTime;
  [880, 660].forEach((freq, i) => {
    const osc = ctx!.createOscillator();
    const gain = ctx!.createGain();
    osc.frequency.value = freq;
    osc.type = 'sine';
    const t = start + i * 0.2;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.25, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.16);
    osc.connect(gain).connect(ctx!.destination);
    osc.start(t);
    osc.stop(t + 0.18);
  });
  return true;
}

/** For tests: how many notices have sounded. */
export const beeps = { count: 0 };
