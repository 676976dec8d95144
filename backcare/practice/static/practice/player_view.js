// Drawing the player's screen from the play script: what each phase shows, in the
// script's own words (phase.text) and the page's (words.js). Nothing here keeps time.

import { word } from "./words.js";
import { showPrecautions } from "./precautions.js";

/** The CSS look of each kind of phase (player.css colours the label by it). */
const LOOK = {
  "get-ready": "ready", hold: "hold", move: "hold", rest: "rest", "switch-sides": "rest", done: "end",
};
const DOING = new Set(["hold", "move"]);

export const sideText = (side) => (
  side === "left" ? word("side_left") : side === "right" ? word("side_right") : "");
export const repText = (p) => (p.reps > 1 ? word("rep", { rep: p.rep, reps: p.reps }) : "");
export const roundText = (p) => (p.sets > 1 ? word("round", { number: p.set, total: p.sets }) : "");

const lower = (text) => text.toLocaleLowerCase(document.documentElement.lang || undefined);

/** Where the session is, in a few words: "Pelvic tilt, rep 4 of 5". */
export function whereText(phase) {
  return [phase.name, lower(sideText(phase.side)), lower(repText(phase)), lower(roundText(phase))]
    .filter(Boolean).join(", ");
}

/** The "Next:" line: the repetition after the one on screen, as much as changes. */
export function nextText(schedule, index) {
  const { phases } = schedule;
  const now = phases[index];
  const next = phases.slice(index + 1, schedule.end)
    .find((p) => DOING.has(p.kind) && p.step !== now.step);
  if (!next) return word("next_finish");
  if (next.exercise !== now.exercise) return word("next", { what: next.name });
  const parts = [];
  if (next.set !== now.set) parts.push(roundText(next));
  if (next.side !== now.side) parts.push(sideText(next.side));
  if (next.reps > 1) parts.push(repText(next));
  return word("next", { what: parts.filter(Boolean).join(", ") || next.name });
}

/** What the screen reader hears when a phase begins ("" for a plain rest). */
export function announceText(phase) {
  if (phase.kind === "rest") return "";
  if (phase.kind === "get-ready" || phase.kind === "done") return phase.say;
  return word("announce", { label: phase.text, where: whereText(phase) });
}

export function clockText(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** Which still or moving figure each kind of phase shows: a hold is held still, as the
 *  person is; movement reps and the get-ready move; rests rest at the start. */
const POSE = {
  "get-ready": "moving", move: "moving", hold: "held", rest: "start", "switch-sides": "start",
};
const FIGURE = { moving: ["demo", "demo_alt"], held: ["demo_held", "demo_alt_held"], start: ["demo_start", "demo_alt_start"] };

/** Draw the figure for this phase: its pose, mirrored when the side being done is not the
 *  side it is drawn doing, with a caption naming the side shown. */
export function drawFigure(ui, info, phase) {
  const pose = POSE[phase.kind] || "start";
  const [urlKey, altKey] = FIGURE[pose];
  const url = info[urlKey];
  if (!url) {
    show(ui.figureBox, false);
    return;
  }
  if (ui.demo.getAttribute("src") !== url) {
    ui.demo.src = url;
    for (const [key] of Object.values(FIGURE)) {  // the other poses, ready for their turn
      if (info[key] && info[key] !== url) new Image().src = info[key];
    }
  }
  const alt = word(altKey, { name: phase.name });
  if (ui.demo.alt !== alt) ui.demo.alt = alt;
  const side = info.side_shown && phase.side ? phase.side : "";
  const mirrored = Boolean(side) && side !== info.side_shown;
  ui.figureBox.dataset.pose = pose;
  ui.figureBox.dataset.mirrored = String(mirrored);
  ui.figureBox.dataset.side = side;
  const notes = side ? [word(side === "left" ? "figure_left" : "figure_right")] : [];
  put(ui.figureCaption, notes.concat(info.figure_notes || []).join(" "));
  show(ui.figureBox, true);
}

function put(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

export function show(el, visible) {
  if (el.hidden === visible) el.hidden = !visible;
}

/**
 * Draw the phase at `index` of the schedule, `elapsed` ms into the session.
 * @param {{root: HTMLElement, ui: Object, data: Object, schedule: Object, index: number,
 *          elapsed: number, paused: boolean}} view
 */
export function render({ root, ui, data, schedule, index, elapsed, paused }) {
  const over = index >= schedule.end;
  const phase = schedule.phases[Math.min(index, schedule.end - 1)];
  const info = data.exercises[phase.exercise] || {};
  const step = data.steps[phase.step] || {};
  const remaining = over ? 0 : (phase.end - elapsed) / 1000;

  root.dataset.phase = over ? "end" : LOOK[phase.kind] || "hold";
  root.dataset.kind = over ? "done" : phase.kind;
  root.dataset.step = String(phase.step);
  put(ui.phaseLabel, phase.text);
  put(ui.countdown, String(Math.max(0, Math.ceil(remaining))));
  put(ui.name, phase.name);
  put(ui.side, sideText(phase.side));
  put(ui.rep, repText(phase));
  put(ui.set, roundText(phase));
  show(ui.side, Boolean(phase.side));
  show(ui.rep, phase.reps > 1);
  show(ui.set, phase.sets > 1);
  put(ui.cue, step.cue || "");
  put(ui.position, info.position || "");
  showPrecautions(ui.precautions, info.precautions, phase.kind === "get-ready");
  drawFigure(ui, info, phase);
  put(ui.next, nextText(schedule, phase.index));
  const total = schedule.total || 1;
  const value = String(Math.round((Math.min(elapsed, total) / total) * 1000));
  if (ui.progress.getAttribute("value") !== value) ui.progress.setAttribute("value", value);
  put(ui.timeLeft, clockText((schedule.total - elapsed) / 1000));
  show(ui.pausedNote, paused);
  put(ui.pause, paused ? word("resume") : word("pause"));
  ui.pause.setAttribute("aria-pressed", String(paused));
}
