// The reminders form's time zone, set to the browser's own when nothing was chosen yet.
// Without this script the form still works: the list starts at the site's zone.
const select = document.querySelector("select[data-browser-zone]");
if (select) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && Array.from(select.options).some((option) => option.value === zone)) {
    select.value = zone;
  }
}
