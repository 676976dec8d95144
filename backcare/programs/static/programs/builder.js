// The program builder, in the page. The form works without this script (each button posts
// and the server redraws the builder); with it, the same buttons act at once and only
// "save" posts: add, remove and move exercises, drag them into order, filter the library,
// and see which exercises the ticked conditions leave out, and why. Words and data come
// from the page (#builder-words, #builder-data); field names stay items-<i>-<field>, in order.

import { filterLibrary, watchFilters } from "./builder_library.js";
import { showLeftOut } from "./builder_left_out.js";

const form = document.getElementById("builder-form");
const data = JSON.parse(document.getElementById("builder-data").textContent);
const words = JSON.parse(document.getElementById("builder-words").textContent);
const list = document.getElementById("builder-items");
const template = document.getElementById("builder-item-template");
const status = document.getElementById("builder-status");

function rows() {
  return [...list.querySelectorAll(":scope > .builder-item")];
}

function say(text, values) {
  let filled = text;
  for (const [key, value] of Object.entries(values)) filled = filled.replace(`{${key}}`, value);
  status.textContent = "";
  // A fresh text each time, so a screen reader reads the same words twice in a row.
  window.setTimeout(() => { status.textContent = filled; }, 50);
}

function nameOf(row) {
  return row.querySelector(".item-name").textContent;
}

function renumber() {
  rows().forEach((row, i) => {
    row.querySelector(".item-name").id = `items-${i}`;
    for (const input of row.querySelectorAll("[data-field]")) {
      input.name = `items-${i}-${input.dataset.field}`;
      if (input.type !== "hidden") input.id = input.name;
    }
    // What describes a field (its range, why it is left out, its error) follows its number.
    for (const note of row.querySelectorAll("[data-range-for], [data-why-for], [data-error-for]")) {
      const field = note.dataset.rangeFor || note.dataset.whyFor || note.dataset.errorFor;
      const kind = note.dataset.rangeFor ? "range" : note.dataset.whyFor ? "why" : "error";
      note.id = `items-${i}-${field}-${kind}`;
    }
    for (const input of row.querySelectorAll("input[aria-describedby]")) {
      const field = input.dataset.field;
      input.setAttribute("aria-describedby", ["range", "why", "error"]
        .map((kind) => `items-${i}-${field}-${kind}`)
        .filter((id) => row.querySelector(`#${id}`)).join(" "));
    }
    for (const label of row.querySelectorAll("label[data-for]")) {
      label.htmlFor = `items-${i}-${label.dataset.for}`;
    }
    row.querySelector(".item-up").value = `up:${i}`;
    row.querySelector(".item-down").value = `down:${i}`;
    row.querySelector(".item-remove").value = `remove:${i}`;
  });
  document.getElementById("builder-empty").hidden = rows().length > 0;
  showLeftOut(data);
}

function newRow(slug) {
  const exercise = data.exercises[slug];
  const row = template.content.firstElementChild.cloneNode(true);
  row.dataset.exercise = slug;
  row.querySelector(".item-name").textContent = exercise.name;
  row.querySelector("input[data-field=exercise]").value = slug;
  row.querySelector(".item-side-note").hidden = !exercise.per_side;
  const other = exercise.action === "hold" ? ".for-move" : ".for-hold";
  row.querySelector(other)?.remove();
  for (const field of ["hold_seconds", "reps", "sets"]) {
    const input = row.querySelector(`input[data-field=${field}]`);
    [input.min, input.max] = exercise.bounds[field].map(String);
    input.value = String(exercise.dose[field]);
    row.querySelector(`[data-range-for=${field}]`).textContent = exercise.bounds[field].join("–");
  }
  for (const hidden of row.querySelectorAll(".item-actions .visually-hidden")) {
    hidden.textContent = ` ${exercise.name}`;
  }
  return row;
}

function add(slug) {
  if (!data.exercises[slug]) return;
  if (rows().length >= data.max_items) {
    say(words.full, { count: data.max_items });
    return;
  }
  const row = newRow(slug);
  list.append(row);
  renumber();
  say(words.added, { name: data.exercises[slug].name });
}

function remove(row) {
  const next = row.nextElementSibling || row.previousElementSibling;
  const name = nameOf(row);
  row.remove();
  renumber();
  (next ? next.querySelector(".item-name") : list).focus();
  say(words.removed, { name });
}

function move(row, up, button) {
  const other = up ? row.previousElementSibling : row.nextElementSibling;
  if (!other) return;
  if (up) other.before(row); else other.after(row);
  renumber();
  button.focus();
  say(up ? words.moved_up : words.moved_down,
    { name: nameOf(row), position: String(rows().indexOf(row) + 1) });
}

form.addEventListener("click", (event) => {
  const button = event.target.closest("button[name=action]");
  if (!button || button.value === "save") return;
  event.preventDefault();
  const [verb, arg] = button.value.split(":");
  const row = button.closest(".builder-item");
  if (verb === "add") add(arg);
  else if (verb === "remove" && row) remove(row);
  else if ((verb === "up" || verb === "down") && row) move(row, verb === "up", button);
  else if (verb === "find") filterLibrary(words);
});

form.addEventListener("change", (event) => {
  if (event.target.matches("input.condition")) showLeftOut(data);
});

// Dragging: by the handle only (the one draggable part), so the text boxes inside a row
// stay easy to use.
let dragged = null;

list.addEventListener("dragstart", (event) => {
  dragged = event.target.closest?.(".item-drag") ? event.target.closest(".builder-item") : null;
  if (!dragged) { event.preventDefault(); return; }
  event.dataTransfer.effectAllowed = "move";
  event.dataTransfer.setData("text/plain", dragged.dataset.exercise);
  dragged.classList.add("dragging");
});

list.addEventListener("dragover", (event) => {
  if (!dragged) return;
  event.preventDefault();
  const over = event.target.closest(".builder-item");
  if (!over || over === dragged) return;
  const box = over.getBoundingClientRect();
  if (event.clientY < box.top + box.height / 2) over.before(dragged); else over.after(dragged);
});

list.addEventListener("drop", (event) => {
  if (dragged) event.preventDefault();
});

list.addEventListener("dragend", () => {
  if (!dragged) return;
  dragged.classList.remove("dragging");
  const row = dragged;
  dragged = null;
  renumber();
  say(words.moved, { name: nameOf(row), position: String(rows().indexOf(row) + 1) });
});

document.querySelector(".builder-drag-hint").hidden = false;
form.classList.add("scripted");
watchFilters(words);
renumber();
