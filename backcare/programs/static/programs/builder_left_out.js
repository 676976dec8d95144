// Which exercises the ticked conditions leave out, and why: looked up in the table the
// server made with the planner's own rules (one entry for every combination of conditions).

export function leftOutNow(data) {
  let mask = 0;
  for (const box of document.querySelectorAll("#f-conditions input.condition:checked")) {
    const bit = data.conditions.indexOf(box.value);
    if (bit >= 0) mask |= 1 << bit;
  }
  const row = data.left_out[mask] || "";
  const found = new Map();
  data.slugs.forEach((slug, i) => {
    let number = 0;
    for (const digit of row.slice(i * data.width, (i + 1) * data.width)) {
      number = number * data.digits.length + data.digits.indexOf(digit);
    }
    if (number > 0) found.set(slug, data.whys[number - 1]);
  });
  return found;
}

export function showLeftOut(data) {
  const why = leftOutNow(data);
  for (const row of document.querySelectorAll("#builder-items > .builder-item")) {
    const box = row.querySelector(".item-left-out");
    const reason = why.get(row.dataset.exercise);
    box.hidden = !reason;
    box.querySelector(".why-text").textContent = reason || "";
    if (!reason) box.classList.remove("has-error");
  }
  for (const entry of document.querySelectorAll("#builder-library-list .library-exercise")) {
    const note = entry.querySelector(".library-left-out");
    const reason = why.get(entry.dataset.slug);
    note.hidden = !reason;
    note.textContent = reason || "";
  }
}
