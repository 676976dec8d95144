// Cues for someone lying on the floor: a voice, tones, and a flash of the screen.
//
// Voice uses the browser's speechSynthesis and can be turned off (remembered on this
// device). Tones use Web Audio and need a tap first (the Start button is that tap).
// The flash is a CSS class: an animated fade normally, a still border and colour
// change when the person prefers reduced motion. Every part fails quietly when the
// browser lacks it.

const VOICE_KEY = "backcare.voice";

export function voicePreference() {
  try {
    return localStorage.getItem(VOICE_KEY) !== "off";
  } catch {
    return true;
  }
}

export function rememberVoice(on) {
  try {
    localStorage.setItem(VOICE_KEY, on ? "on" : "off");
  } catch {
    // private mode: the choice lasts for this page only
  }
}

// Each tone: [frequency Hz, duration s] notes played one after another.
const TONES = {
  start: [[660, 0.12], [880, 0.22]],
  tick: [[740, 0.09]],
  switch: [[523, 0.14], [784, 0.14], [523, 0.14]],
  halfway: [[698, 0.18]],
  rest: [[440, 0.2]],
  done: [[523, 0.15], [659, 0.15], [784, 0.15], [1046, 0.35]],
};

export class Cues {
  constructor(flashElement) {
    this.voiceOn = voicePreference();
    this.audio = null;
    this.flashElement = flashElement;
    this.flashTimer = null;
  }

  /** Call from a click: browsers only allow sound after the person has touched the page. */
  unlock() {
    const AudioContextClass = window.AudioContext || window.webkitAudioContext;
    if (!this.audio && AudioContextClass) {
      try {
        this.audio = new AudioContextClass();
      } catch {
        this.audio = null;
      }
    }
    if (this.audio && this.audio.state === "suspended") this.audio.resume().catch(() => {});
  }

  setVoice(on) {
    this.voiceOn = on;
    rememberVoice(on);
    if (!on) this.silence();
  }

  say(text, { interrupt = true } = {}) {
    if (!this.voiceOn || !("speechSynthesis" in window) || !text) return;
    try {
      if (interrupt) window.speechSynthesis.cancel();
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.rate = 0.95;
      utterance.lang = document.documentElement.lang || "en";
      window.speechSynthesis.speak(utterance);
    } catch {
      // no voice on this device
    }
  }

  silence() {
    try {
      if ("speechSynthesis" in window) window.speechSynthesis.cancel();
    } catch {
      // nothing to stop
    }
  }

  tone(name) {
    const notes = TONES[name];
    const ctx = this.audio;
    if (!notes || !ctx || ctx.state === "closed") return;
    try {
      let t = ctx.currentTime + 0.01;
      for (const [frequency, length] of notes) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = "sine";
        osc.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, t);
        gain.gain.exponentialRampToValueAtTime(0.35, t + 0.015);
        gain.gain.exponentialRampToValueAtTime(0.0001, t + length);
        osc.connect(gain).connect(ctx.destination);
        osc.start(t);
        osc.stop(t + length + 0.02);
        t += length + 0.03;
      }
    } catch {
      // audio not available
    }
  }

  /** A visible cue for people who cannot hear the others. */
  flash(kind = "cue") {
    const el = this.flashElement;
    if (!el) return;
    el.classList.remove("on", "cue", "done", "switch");
    void el.offsetWidth;  // restart the animation
    el.classList.add("on", kind);
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => el.classList.remove("on", kind), 900);
  }

  /** Tone, flash and (optionally) words together. */
  cue(tone, words, flashKind = "cue", options = {}) {
    this.tone(tone);
    this.flash(flashKind);
    if (words) this.say(words, options);
  }
}
