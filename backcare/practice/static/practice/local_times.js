// /history/ in the person's own time: the server writes every day and time in UTC, each
// with its moment (a <time datetime> in the table, data-when on the chart's dates); this
// rewrites them in the browser's time zone and the page's language, and names that zone
// in the "Times are in …" note. Without script the page still reads, in UTC.

const pageLanguage = document.documentElement.lang || "en";
// The person's own variant of the page's language, if the browser has one ("en-GB" writes
// "3 March", "en-US" "March 3"); else the page's language as it stands.
const locales = [
  ...(navigator.languages || []).filter((tag) => tag.split("-")[0] === pageLanguage),
  pageLanguage,
];

const dayFormat = new Intl.DateTimeFormat(locales, {
  weekday: "long", day: "numeric", month: "long", year: "numeric",
});
const clockFormat = new Intl.DateTimeFormat(locales, { hour: "2-digit", minute: "2-digit" });
const chartDayFormat = new Intl.DateTimeFormat(locales, { day: "numeric", month: "long" });

function momentOf(text) {
  const when = new Date(text);
  return Number.isNaN(when.getTime()) ? null : when;
}

// A table row: its day and clock time, and the Delete button's label that names them.
function rewriteRow(time) {
  const when = momentOf(time.getAttribute("datetime"));
  const day = time.querySelector(".local-day");
  const clock = time.querySelector(".local-clock");
  if (!when || !day || !clock) return;
  const oldDay = day.textContent;
  const oldClock = clock.textContent;
  const newDay = dayFormat.format(when);
  const newClock = clockFormat.format(when);
  day.textContent = newDay;
  clock.textContent = newClock;
  const button = time.closest("tr")?.querySelector("button[aria-label]");
  if (button) {
    const label = button.getAttribute("aria-label");
    button.setAttribute("aria-label", label.replace(oldDay, newDay).replace(oldClock, newClock));
  }
}

// The chart's dates: each day once, as the server drew them; a date that reads like the
// one before it in this time zone is dropped.
function rewriteChartDates() {
  let previous = null;
  for (const text of document.querySelectorAll(".pain-chart text.day[data-when]")) {
    const when = momentOf(text.dataset.when);
    if (!when) continue;
    const day = chartDayFormat.format(when);
    if (day === previous) {
      text.remove();
      continue;
    }
    text.textContent = day;
    previous = day;
  }
}

function nameTheZone() {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  for (const note of document.querySelectorAll(".time-zone")) note.textContent = zone;
}

for (const time of document.querySelectorAll("time.local-time[datetime]")) rewriteRow(time);
rewriteChartDates();
nameTheZone();
