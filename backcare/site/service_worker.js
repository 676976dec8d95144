// backcare's service worker: a routine plays with the network off.
//
// Served at /sw.js by backcare/site/installable.py, which fills in the BUILD line below:
// this worker's version (a digest of the content, this file and every file it keeps) and
// the URLs it keeps at install. A deploy that changes any of them is a new worker.
//
// Three caches, all on this device only:
// - STATIC (one per version): the player's code, styles and icons and the offline page in
//   every language, kept at install; older versions' are deleted when a new one takes over.
// - PAGES: every page opened here (routines, plans, the player, the library), network first
//   with a short wait, then the kept copy. Not versioned: an update keeps them, and
//   refreshes them from the network. A player page's figures are kept with it.
// - FIGURES: the exercise demos (/exercises/<slug>/demo.svg, with any query), kept first
//   time and served from here, refreshed with the pages when a new version takes over.
// Sessions waiting to be sent live in IndexedDB (practice/static/practice/session_queue.js):
// nothing here ever opens, clears or upgrades that database.

const BUILD = null;  // filled in by backcare/site/installable.py

const STATIC = `backcare-static-${BUILD.version}`;
const STATIC_PREFIX = "backcare-static-";
const PAGES = "backcare-pages";
const FIGURES = "backcare-figures";
const NETWORK_WAIT_MS = 3000;  // then a kept copy of the page, if there is one
const MAX_PAGES = 150;
const MAX_FIGURES = 400;
const FIGURE_PATH = /^\/(?:[a-z]{2}\/)?exercises\/[^/]+\/demo\.svg$/;
// Forms and API calls after which this device's kept pages must go: "delete everything".
const FORGET_ALL = [/^\/(?:[a-z]{2}\/)?history\/delete\/$/, /^\/api\/device$/];

const here = self.location.origin;

// ---------------------------------------------------------------- install and take over

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(STATIC);
    const urls = [...BUILD.static, ...Object.values(BUILD.offline)];
    await Promise.all(urls.map(async (url) => {
      // Past the HTTP cache: static files are served with a max-age and no version in the URL.
      const response = await fetch(new Request(url, { cache: "reload", credentials: "same-origin" }));
      if (!response.ok || response.redirected) throw new Error(`could not keep ${url}: ${response.status}`);
      await cache.put(url, response);
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(STATIC_PREFIX) && name !== STATIC) await caches.delete(name);
    }
    await self.clients.claim();
  })());
  // Best effort, after taking over: the kept pages and figures as this version serves them.
  refreshKept().catch(() => {});
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "version" && event.ports[0]) {
    event.ports[0].postMessage({ version: BUILD.version, pages: PAGES, figures: FIGURES });
  } else if (data.type === "keep" && typeof data.url === "string") {
    // A page opened before this worker took over: fetched again and kept like the rest.
    event.waitUntil(keepOpened(data.url, event.source));
  }
});

async function keepOpened(address, client) {
  const url = new URL(address, here);
  if (url.origin !== here || url.pathname.startsWith("/api/")) return;
  url.hash = "";
  if (await (await caches.open(PAGES)).match(url.href)) return;
  let response;
  try {
    response = await fetch(url.href, { credentials: "same-origin" });
  } catch {
    return;
  }
  if (!keepable(response)) return;
  await keepPage(url.href, response);
  if (client) client.postMessage({ type: "kept", url: url.href });
}

// ---------------------------------------------------------------- answering

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== here) return;
  if (request.method !== "GET") {
    if (FORGET_ALL.some((path) => path.test(url.pathname))) event.respondWith(forgetting(request));
    return;
  }
  if (url.pathname.startsWith("/api/") || url.pathname === "/sw.js") return;
  if (request.mode === "navigate") {
    event.respondWith(page(event));
  } else if (FIGURE_PATH.test(url.pathname)) {
    event.respondWith(figure(request));
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(staticFile(request));
  }
});

/** A page: from the network if it answers within NETWORK_WAIT_MS (kept for next time), else
 *  the copy kept here, else (network down) the offline page in the page's language. */
async function page(event) {
  const { request } = event;
  const network = fetch(request).then((response) => ({ response }), (error) => ({ error }));
  const first = await Promise.race([network, wait(NETWORK_WAIT_MS)]);
  if (first && first.response) {
    if (keepable(first.response)) event.waitUntil(keepPage(request.url, first.response.clone()));
    return first.response;
  }
  const kept = await (await caches.open(PAGES)).match(request.url);
  if (kept) return kept;
  const late = first || await network;  // slow, and nothing kept: wait for the network
  if (late.response) {
    if (keepable(late.response)) event.waitUntil(keepPage(request.url, late.response.clone()));
    return late.response;
  }
  return offlinePage(new URL(request.url));
}

function wait(ms) {
  return new Promise((resolve) => setTimeout(() => resolve(null), ms));
}

/** Only a whole page from this site, as asked for (not another page it was sent on to). */
function keepable(response) {
  const type = response.headers.get("Content-Type") || "";
  return response.status === 200 && response.type === "basic" && !response.redirected
    && type.startsWith("text/html");
}

async function offlinePage(url) {
  const first = url.pathname.split("/")[1];
  const language = BUILD.languages.includes(first) ? first : null;
  const address = (language && BUILD.offline[language]) || Object.values(BUILD.offline)[0];
  const kept = await caches.match(address, { cacheName: STATIC });
  return kept || Response.error();
}

async function figure(request) {
  const cache = await caches.open(FIGURES);
  const kept = await cache.match(request.url);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") {
    await cache.put(request.url, response.clone());
    await trim(cache, MAX_FIGURES);
  }
  return response;
}

async function staticFile(request) {
  const kept = await caches.match(request.url, { cacheName: STATIC });
  return kept || fetch(request);
}

/** "Delete everything" on this device: the pages kept here go too (plans name conditions). */
async function forgetting(request) {
  const response = await fetch(request);
  if (response.ok || response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) {
    await caches.delete(PAGES);
  }
  return response;
}

// ---------------------------------------------------------------- keeping pages and figures

async function keepPage(url, response) {
  const cache = await caches.open(PAGES);
  const text = await response.clone().text();
  await cache.put(url, response);
  await trim(cache, MAX_PAGES);
  await keepFigures(figuresOf(text, url));
}

/** The figure URLs a player page uses: every string under a key named demo... of each entry
 *  of its #timeline JSON's `exercises`. */
function figuresOf(html, base) {
  const found = /<script id="timeline" type="application\/json">([\s\S]*?)<\/script>/.exec(html);
  if (!found) return [];
  let data;
  try {
    data = JSON.parse(found[1]);
  } catch {
    return [];
  }
  const urls = new Set();
  const collect = (value) => {
    if (typeof value === "string") {
      const url = new URL(value, base);
      if (url.origin === here) urls.add(url.href);
    } else if (Array.isArray(value)) {
      value.forEach(collect);
    } else if (value && typeof value === "object") {
      Object.values(value).forEach(collect);
    }
  };
  for (const exercise of Object.values(data.exercises || {})) {
    if (!exercise || typeof exercise !== "object") continue;
    for (const [key, value] of Object.entries(exercise)) if (key.startsWith("demo")) collect(value);
  }
  return [...urls];
}

async function keepFigures(urls, refresh = false) {
  const cache = await caches.open(FIGURES);
  for (const url of urls) {
    if (!refresh && await cache.match(url)) continue;
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      if (response.ok) await cache.put(url, response);
    } catch {
      return;  // offline: the rest next time
    }
  }
  await trim(cache, MAX_FIGURES);
}

/** Keep at most `most` entries: the oldest kept go first. */
async function trim(cache, most) {
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - most))) await cache.delete(key);
}

/** After an update: each kept page and figure again from the network, where it answers 200
 *  (a page that now sends elsewhere, e.g. to the screen, keeps its old copy). */
async function refreshKept() {
  const pages = await caches.open(PAGES);
  for (const key of await pages.keys()) {
    let response;
    try {
      response = await fetch(key.url, { credentials: "same-origin", cache: "no-cache" });
    } catch {
      return;  // offline: refreshed another time
    }
    if (keepable(response)) await pages.put(key.url, response);
  }
  const figures = await caches.open(FIGURES);
  await keepFigures((await figures.keys()).map((key) => key.url), true);
}
