// Saving a session to the log, and keeping it on this device until the server has it.
//
// Every session has an id made here (crypto.randomUUID), so sending it again after a
// failure can never record it twice: the server answers 200 for an id it already has.
// A session that could not be sent waits in localStorage under PENDING_KEY and is
// retried when the page loads, when the browser comes back online, and every minute.

export const PENDING_KEY = "backcare.pendingSessions";
const RETRY_MS = 60_000;
// Django's CSRF cookie (settings.CSRF_COOKIE_NAME); the player page sets it.
const CSRF_COOKIE = "csrftoken";
// Answers that mean "this session is wrong and will never be accepted": do not retry.
const REJECTED = new Set([400, 409, 413, 422]);

function readPending() {
  try {
    const value = JSON.parse(localStorage.getItem(PENDING_KEY) || "[]");
    return Array.isArray(value) ? value.filter((s) => s && typeof s.id === "string") : [];
  } catch {
    return [];
  }
}

function writePending(list) {
  try {
    if (list.length) localStorage.setItem(PENDING_KEY, JSON.stringify(list));
    else localStorage.removeItem(PENDING_KEY);
  } catch {
    // Storage full or blocked: nothing more we can do on this device.
  }
}

export function pendingSessions() {
  return readPending();
}

/** Keep (or replace) a session in the waiting list. */
export function keep(session) {
  const list = readPending().filter((s) => s.id !== session.id);
  list.push(session);
  writePending(list);
}

export function forget(id) {
  writePending(readPending().filter((s) => s.id !== id));
}

/** Forget a session that was sent, unless it changed meanwhile (an answer added to it):
 *  the newer copy stays waiting and is sent next. */
function forgetSent(sent) {
  const was = JSON.stringify(sent);
  writePending(readPending().filter((s) => s.id !== sent.id || JSON.stringify(s) !== was));
}

export function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // Older browsers: a version-4 UUID from getRandomValues.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The CSRF token, read from its cookie at the moment of sending, not from the page: the
 * player page is the same HTML for everyone (kept rendered in the server's memory), and a
 * session waiting from an earlier visit is sent with today's token.
 */
export function csrfToken(cookies = document.cookie) {
  for (const part of cookies.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === CSRF_COOKIE) return decodeURIComponent(value.join("="));
  }
  return "";
}

/**
 * Send one session. Resolves to "saved", "rejected" (the server will never take it),
 * or "later" (offline, server down or busy, or no token yet: it stays in the waiting list).
 */
async function post(url, session) {
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(session),
      credentials: "same-origin",
    });
  } catch {
    return "later";
  }
  if (response.ok) return "saved";
  if (REJECTED.has(response.status)) return "rejected";
  return "later";
}

export class SessionLog {
  constructor(url, onChange) {
    this.url = url;
    this.onChange = onChange || (() => {});
    this.sending = null;
    this.timer = null;
  }

  /** Save a finished session: kept first, so closing the page cannot lose it. */
  async save(session) {
    keep(session);
    const result = await this.flush();
    const outcome = result.get(session.id) || (readPending().some((s) => s.id === session.id) ? "later" : "saved");
    this.schedule();
    return outcome;
  }

  /** Try to send everything waiting; one attempt at a time. Map of id -> outcome. */
  flush() {
    if (this.sending) {
      return this.sending.then(() => this.flush());
    }
    this.sending = (async () => {
      const outcomes = new Map();
      for (const session of readPending()) {
        const outcome = await post(this.url, session);
        outcomes.set(session.id, outcome);
        if (outcome !== "later") forgetSent(session);
        if (outcome === "later") break;  // the server is away: try the rest next time
      }
      return outcomes;
    })();
    return this.sending.finally(() => {
      this.sending = null;
      this.onChange(readPending().length);
    });
  }

  /** Retry on load, when back online, and every minute while anything is waiting. */
  start() {
    window.addEventListener("online", () => this.flush());
    this.schedule();
    return this.flush();
  }

  schedule() {
    if (this.timer !== null) return;
    this.timer = setInterval(() => {
      if (readPending().length) this.flush();
      else {
        clearInterval(this.timer);
        this.timer = null;
      }
    }, RETRY_MS);
  }
}
