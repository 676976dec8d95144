// The builder's library list: search and filter as the clinician types, the same way the
// server filters it without script (name, other names, summary and slug; body area; position).

function plural(words, count) {
  const form = count === 1 ? words.shown_one : words.shown_other;
  return form.replace("{count}", String(count));
}

export function filterLibrary(words) {
  const query = document.getElementById("builder-q").value.toLowerCase().split(/\s+/).filter(Boolean);
  const area = document.getElementById("builder-area").value;
  const position = document.getElementById("builder-position").value;
  let shown = 0;
  for (const entry of document.querySelectorAll("#builder-library-list .library-exercise")) {
    const matches = (!position || entry.dataset.position === position)
      && (!area || entry.dataset.areas.split(" ").includes(area))
      && query.every((word) => entry.dataset.search.includes(word));
    entry.hidden = !matches;
    if (matches) shown += 1;
  }
  document.getElementById("builder-count").textContent = plural(words, shown);
}

export function watchFilters(words) {
  const update = () => filterLibrary(words);
  document.getElementById("builder-q").addEventListener("input", update);
  document.getElementById("builder-area").addEventListener("change", update);
  document.getElementById("builder-position").addEventListener("change", update);
  // Nothing to press: the list follows the filters as they change.
  document.querySelector(".builder-find").hidden = true;
}
