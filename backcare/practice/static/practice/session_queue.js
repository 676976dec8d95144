// The sessions waiting on this device to be sent to the session log: an IndexedDB queue.
//
// One database (DB_NAME, version DB_VERSION) with one object store of records keyed by the
// session's id:
//   { id, v: RECORD_VERSION, session, state: "waiting" | "rejected", kept: ms, problem }
// "rejected" records are sessions the server refused for good (a 4xx other than 408 and
// 429); they stay, out of the retry loop, so the page can say which one and why (the last
// MAX_REJECTED of them).
//
// At most CAPACITY sessions wait. When that many are waiting a new one is NOT kept and
// keep() answers "full": the page says so, and nothing already waiting is dropped to make
// room (those are sessions the person did; only they may decide to lose one).
//
// Upgrades: a later DB_VERSION only ever adds to the store (onupgradeneeded below); records
// carry RECORD_VERSION so a later reader can tell old ones. The service worker never opens
// this database, so updating the app never touches what waits here.
//
// localStorage, under LEGACY_KEY (the older player's own queue), is read once on opening
// and moved in here. The same key also holds, for the moment between keep() and
// IndexedDB's answer, a copy of each session being kept: a page closed in between (keep()
// from pagehide) leaves it there, and the next opening moves it in too.

export const DB_NAME = "backcare";
export const DB_VERSION = 1;
export const STORE = "sessions";
export const RECORD_VERSION = 1;
export const LEGACY_KEY = "backcare.pendingSessions";
export const CAPACITY = 200;
export const MAX_REJECTED = 20;

let opening = null;

// ---------------------------------------------------------------- localStorage, the old queue

function readLegacy() {
  try {
    const value = JSON.parse(localStorage.getItem(LEGACY_KEY) || "[]");
    return Array.isArray(value) ? value.filter((s) => s && typeof s.id === "string") : [];
  } catch {
    return [];
  }
}

function writeLegacy(list) {
  try {
    if (list.length) localStorage.setItem(LEGACY_KEY, JSON.stringify(list));
    else localStorage.removeItem(LEGACY_KEY);
  } catch {
    // Storage full or blocked: IndexedDB still has it, or will.
  }
}

function mirror(session) {
  writeLegacy([...readLegacy().filter((s) => s.id !== session.id), session]);
}

/** Drop the localStorage copy of `session` if it is this very copy (a newer one stays). */
function unmirror(session, onlyThisCopy = true) {
  const was = JSON.stringify(session);
  writeLegacy(readLegacy().filter((s) => s.id !== session.id || (onlyThisCopy && JSON.stringify(s) !== was)));
}

// ---------------------------------------------------------------- IndexedDB

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function done(transaction) {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onabort = () => reject(transaction.error || new Error("aborted"));
    transaction.onerror = () => reject(transaction.error);
  });
}

/** The open database, opened (and the old queue moved in) once per page. */
export function database() {
  if (!opening) {
    opening = (async () => {
      const request = indexedDB.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: "id" });
      };
      const db = await promised(request);
      // Another tab opens a newer version: step aside so its upgrade can run.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      await moveLegacyIn(db);
      return db;
    })();
    opening.catch(() => { opening = null; });
  }
  return opening;
}

async function moveLegacyIn(db) {
  const legacy = readLegacy();
  if (!legacy.length) return;
  const tx = db.transaction(STORE, "readwrite");
  const store = tx.objectStore(STORE);
  for (const session of legacy) {
    // The localStorage copy is the newest write of that session: it wins.
    store.put(record(session));
  }
  await done(tx);
  for (const session of legacy) unmirror(session);
}

function record(session) {
  return { id: session.id, v: RECORD_VERSION, session, state: "waiting", kept: Date.now(), problem: null };
}

async function allRecords() {
  const db = await database();
  const tx = db.transaction(STORE, "readonly");
  const records = await promised(tx.objectStore(STORE).getAll());
  return records.sort((a, b) => a.kept - b.kept);
}

// ---------------------------------------------------------------- the queue

/** Sessions waiting to be sent, oldest first. */
export async function waiting() {
  return (await allRecords()).filter((r) => r.state === "waiting").map((r) => r.session);
}

/** Sessions the server refused for good, oldest first: [{session, problem: {status, detail}}]. */
export async function rejected() {
  return (await allRecords()).filter((r) => r.state === "rejected")
    .map((r) => ({ session: r.session, problem: r.problem }));
}

/** Keep (or replace) a session in the queue: "kept", or "full" when CAPACITY wait already. */
export async function keep(session) {
  mirror(session);  // survives the page closing before IndexedDB answers
  const db = await database();
  const tx = db.transaction(STORE, "readwrite");
  const store = tx.objectStore(STORE);
  const old = await promised(store.get(session.id));
  let outcome = "kept";
  if (old && old.state === "waiting") {
    store.put({ ...old, session });
  } else {
    const records = await promised(store.getAll());
    if (records.filter((r) => r.state === "waiting").length >= CAPACITY) outcome = "full";
    else store.put(old ? { ...record(session), kept: old.kept } : record(session));
  }
  await done(tx);
  unmirror(session, outcome === "kept");
  return outcome;
}

/** Forget a session, whatever its state. */
export async function forget(id) {
  writeLegacy(readLegacy().filter((s) => s.id !== id));
  const db = await database();
  const tx = db.transaction(STORE, "readwrite");
  tx.objectStore(STORE).delete(id);
  await done(tx);
}

/** Change the record of `session` with `change`, unless the session changed meanwhile (an
 *  answer added to it): the newer copy stays waiting and is sent next. */
async function ifUnchanged(session, change) {
  const was = JSON.stringify(session);
  const db = await database();
  const tx = db.transaction(STORE, "readwrite");
  const store = tx.objectStore(STORE);
  const old = await promised(store.get(session.id));
  if (old && JSON.stringify(old.session) === was) change(store, old);
  await done(tx);
}

/** The server has it. */
export function sent(session) {
  return ifUnchanged(session, (store) => store.delete(session.id));
}

/** The server will never take it: out of the retry loop, kept to be shown with `problem`. */
export async function refused(session, problem) {
  await ifUnchanged(session, (store, old) => store.put({ ...old, state: "rejected", problem }));
  const gone = (await rejected()).slice(0, -MAX_REJECTED);
  for (const item of gone) await forget(item.session.id);
}
