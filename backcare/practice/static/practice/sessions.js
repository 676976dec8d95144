// Saving a session to the log, and keeping it on this device until the server has it.
//
// Every session has an id made here (crypto.randomUUID), so sending it again after a
// failure can never record it twice: the server answers 200 for an id it already has.
// A session that could not be sent waits in IndexedDB (session_queue.js; sessions left in
// localStorage by the older player are moved there) and is sent again when a page that
// saves loads, when the browser comes back online, and on a timer that waits longer after
// each failed try (RETRY_MS, doubling, at most MAX_RETRY_MS).
//
// What is tried again: no network, a 5xx, 408 and 429 (its Retry-After respected). Any
// other 4xx is final: the session leaves the retry loop and is kept as refused, with the
// server's reason, for the page to show (SessionLog's onChange and rejectedSessions()).

import * as queue from "./session_queue.js";

export const PENDING_KEY = queue.LEGACY_KEY;
export const RETRY_MS = 15_000;
export const MAX_RETRY_MS = 10 * 60_000;
// Django's CSRF cookie (settings.CSRF_COOKIE_NAME); the player page sets it.
const CSRF_COOKIE = "csrftoken";
// Answers that are worth trying again later; every other 4xx is final.
const TRY_AGAIN = new Set([408, 429]);
// Sessions from one device are sent by one tab at a time (where the browser can say so).
const LOCK = "backcare-sessions";

/** Sessions waiting to be sent (a Promise of an array), oldest first. */
export function pendingSessions() {
  return queue.waiting().catch(() => []);
}

/** Sessions the server refused for good: a Promise of [{session, problem: {status, detail}}]. */
export function rejectedSessions() {
  return queue.rejected().catch(() => []);
}

/** Keep (or replace) a session in the waiting list: a Promise of "kept" or "full". */
export function keep(session) {
  return queue.keep(session);
}

/** Forget a session kept here (waiting or refused). */
export function forget(id) {
  return queue.forget(id);
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
 * player page is the same HTML for everyone (kept rendered in the server's memory, and on
 * this device by the service worker), and a session waiting from an earlier visit is sent
 * with today's token.
 */
export function csrfToken(cookies = document.cookie) {
  for (const part of cookies.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === CSRF_COOKIE) return decodeURIComponent(value.join("="));
  }
  return "";
}

/** The server's reason, in one line: its `detail`, or each field at fault and what is wrong. */
async function reasonOf(response) {
  try {
    const body = await response.json();
    if (typeof body.detail === "string") return body.detail;
    if (Array.isArray(body.detail)) {
      return body.detail.map((p) => {
        const field = Array.isArray(p.loc) ? p.loc[p.loc.length - 1] : "";
        return field ? `${field}: ${p.msg}` : String(p.msg);
      }).join("; ");
    }
  } catch {
    // not JSON: the status alone
  }
  return "";
}

/**
 * Send one session: {outcome: "saved" | "later" | "rejected", problem?, wait?}. "later" is
 * offline, the server down or busy, or no CSRF token yet (a page of ours sets it).
 */
async function post(url, session) {
  const token = csrfToken();
  if (!token) return { outcome: "later" };
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-CSRFToken": token,
        // The server's reasons in the page's language.
        "Accept-Language": document.documentElement.lang || navigator.language || "en",
      },
      body: JSON.stringify(session),
      credentials: "same-origin",
    });
  } catch {
    return { outcome: "later" };
  }
  if (response.ok) return { outcome: "saved" };
  if (response.status >= 500 || TRY_AGAIN.has(response.status)) {
    const after = Number(response.headers.get("Retry-After"));
    return { outcome: "later", wait: Number.isFinite(after) && after > 0 ? after * 1000 : 0 };
  }
  if (response.status >= 400) {
    return { outcome: "rejected", problem: { status: response.status, detail: await reasonOf(response) } };
  }
  return { outcome: "later" };  // anything else (a redirect to a login page, say): not now
}

function exclusively(work) {
  if (navigator.locks && navigator.locks.request) return navigator.locks.request(LOCK, work);
  return work();
}

export class SessionLog {
  /** `onChange(waitingCount, refused)` is called after every try; `refused` is the list of
   *  rejectedSessions(). */
  constructor(url, onChange) {
    this.url = url;
    this.onChange = onChange || (() => {});
    this.sending = null;
    this.timer = null;
    this.failures = 0;
    this.problems = new Map();  // id -> {status, detail}, for sessions refused in this page
  }

  /** Save a finished session: kept first, so closing the page cannot lose it. Resolves to
   *  "saved", "later" (kept, sent when it can be), "rejected" (never: see problem(id)) or
   *  "full" (not kept: CAPACITY sessions already wait, and sending it failed too). */
  async save(session) {
    let kept;
    try {
      kept = await keep(session);
    } catch {
      kept = "full";  // no storage on this device at all: say so like a full one
    }
    if (kept === "full") {
      const { outcome, problem } = await post(this.url, session);
      if (problem) this.problems.set(session.id, problem);
      return outcome === "later" ? "full" : outcome;
    }
    const result = await this.flush();
    const outcome = result.get(session.id)
      || ((await pendingSessions()).some((s) => s.id === session.id) ? "later" : "saved");
    this.schedule();
    return outcome;
  }

  /** Why the server refused this session ({status, detail}), if it did while this page was open. */
  problem(id) {
    return this.problems.get(id) || null;
  }

  /** Try to send everything waiting; one attempt at a time. A Promise of a Map id -> outcome. */
  flush() {
    if (this.sending) {
      return this.sending.then(() => this.flush());
    }
    // A storage that fails mid-way leaves everything where it was: tried again next time.
    this.sending = exclusively(() => this.sendAll()).catch(() => new Map());
    return this.sending.finally(async () => {
      this.sending = null;
      const [waiting, refused] = await Promise.all([pendingSessions(), rejectedSessions()]);
      this.onChange(waiting.length, refused);
    });
  }

  async sendAll() {
    const outcomes = new Map();
    let list;
    try {
      list = await queue.waiting();
    } catch {
      return outcomes;  // no IndexedDB here: nothing can be waiting
    }
    for (const session of list) {
      const { outcome, problem, wait } = await post(this.url, session);
      outcomes.set(session.id, outcome);
      if (outcome === "saved") {
        this.failures = 0;
        await queue.sent(session);
      } else if (outcome === "rejected") {
        this.problems.set(session.id, problem);
        await queue.refused(session, problem);
      } else {
        this.failures += 1;
        this.schedule(wait);
        break;  // the server is away: try the rest next time
      }
    }
    return outcomes;
  }

  /** Try on load, when back online, and on the backing-off timer while anything waits. */
  start() {
    window.addEventListener("online", () => {
      this.failures = 0;
      this.flush();
    });
    this.schedule();
    return this.flush();
  }

  /** The next try: RETRY_MS after the first failure, doubling, at most MAX_RETRY_MS (or the
   *  server's Retry-After, if longer). */
  schedule(wait = 0) {
    const delay = Math.max(wait, Math.min(RETRY_MS * 2 ** Math.max(0, this.failures - 1), MAX_RETRY_MS));
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(async () => {
      this.timer = null;
      if ((await pendingSessions()).length) {
        await this.flush();
        if ((await pendingSessions()).length && this.timer === null) this.schedule();
      }
    }, delay);
  }
}
