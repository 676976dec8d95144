// Keeping the screen on and filling it while a routine plays: the screen wake lock, and
// the full-screen button (Fullscreen API) for a phone propped up two metres away.

import { show } from "./player_view.js";
import { word } from "./words.js";

/** The screen wake lock, asked for while a session runs; where the browser can't keep the
 *  screen on, `note` (a hint to keep it awake by hand) is shown instead. */
export class WakeLock {
  constructor(note) {
    this.note = note;
    this.lock = null;
  }

  async request() {
    if (!("wakeLock" in navigator) || !navigator.wakeLock) {
      show(this.note, true);
      return;
    }
    if (this.lock && !this.lock.released) return;
    try {
      this.lock = await navigator.wakeLock.request("screen");
      show(this.note, false);
    } catch {
      this.lock = null;
      show(this.note, true);
    }
  }

  release() {
    if (this.lock) this.lock.release().catch(() => {});
    this.lock = null;
  }
}

/** The full-screen button: shown only where the browser allows it; fills the screen with
 *  `element` (the player, its stop button included) and says which way it will go. */
export function fullScreenButton(button, element) {
  if (!document.fullscreenEnabled || !element.requestFullscreen) return { leave() {} };
  show(button, true);
  const label = () => {
    const on = document.fullscreenElement === element;
    button.textContent = word(on ? "fullscreen_leave" : "fullscreen");
    button.setAttribute("aria-pressed", String(on));
  };
  button.addEventListener("click", () => {
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    else element.requestFullscreen({ navigationUI: "hide" }).catch(() => {});
  });
  document.addEventListener("fullscreenchange", label);
  label();
  return {
    leave() {
      if (document.fullscreenElement === element) document.exitFullscreen().catch(() => {});
    },
  };
}
