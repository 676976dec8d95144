// backcare offline: registers the service worker (backcare/site/service_worker.js)
// and shows the "available offline" mark of each routine whose player page this device
// keeps. Loaded by every page (catalogue/base.html).
//
// A page opened before the worker controlled this tab (the very first visit) did not pass
// through it: the worker is asked to keep it too, once it has taken over.

export const PAGES = "backcare-pages";  // the worker's cache of pages (service_worker.js)
// The worker's address, from the page (catalogue/base.html): served from the site's root.
const WORKER = document.querySelector('meta[name="backcare-worker"]')?.content;

async function register() {
  if (!("serviceWorker" in navigator) || !WORKER) return;
  const controlled = Boolean(navigator.serviceWorker.controller);
  try {
    await navigator.serviceWorker.register(WORKER, { scope: "/" });
  } catch {
    return;  // not allowed here (a private window, a non-secure origin): online only
  }
  if (controlled) return;
  const registration = await navigator.serviceWorker.ready;
  if (registration.active) registration.active.postMessage({ type: "keep", url: location.href });
}

/** Unhide each [data-offline-url] whose page is in the worker's cache. */
export async function showMarks(root = document) {
  const marks = root.querySelectorAll("[data-offline-url]");
  if (!marks.length || !("caches" in window)) return;
  try {
    if (!(await caches.has(PAGES))) return;
    const cache = await caches.open(PAGES);
    for (const mark of marks) {
      const url = new URL(mark.dataset.offlineUrl, location.href).href;
      mark.hidden = !(await cache.match(url));
    }
  } catch {
    // no access to the caches here: the marks stay hidden
  }
}

register();
showMarks();
// Kept while this page was open (the worker answers "kept"): show it without a reload.
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data && event.data.type === "kept") showMarks();
  });
}
