// The person's time zone, from the browser, for every progress page.
// 1. The `backcare_tz` cookie: the server counts days and weeks (this week's sessions, when
//    the weekly question is due) in this zone (backcare/progress/zones.py). Set only when it
//    differs, for a year, on the whole site, never sent to another site.
// 2. The reminders form's time zone, set to the browser's own when nothing was chosen yet.
// Without this script everything still works, in the zone of the reminders or the site's.
const COOKIE = "backcare_tz";
const YEAR = 365 * 24 * 60 * 60;
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

function currentCookie() {
  const found = document.cookie.split("; ").find((c) => c.startsWith(`${COOKIE}=`));
  return found ? found.slice(COOKIE.length + 1) : null;
}

// Zone names are letters, digits and _ + - / ("America/Los_Angeles"): safe in a cookie as is.
if (zone && /^[A-Za-z0-9_+\-/]{1,64}$/.test(zone) && currentCookie() !== zone) {
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${COOKIE}=${zone}; path=/; max-age=${YEAR}; SameSite=Lax${secure}`;
}

const select = document.querySelector("select[data-browser-zone]");
if (select && zone && Array.from(select.options).some((option) => option.value === zone)) {
  select.value = zone;
}
