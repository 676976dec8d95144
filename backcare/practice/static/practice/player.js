// backcare's follow-along player: the physical therapist's voice and stopwatch.
//
// The player follows the core's play script (the phases embedded in the page, the same
// as GET /api/timeline): it keeps time and draws, and decides nothing of its own. Every
// word it shows or says is the script's (phase.text, phase.say) or the page's (words.js).
//
// Timing comes from deadlines on a monotonic clock (performance.now()), never from
// counting ticks: the schedule of every phase is laid out once, and each
// frame (requestAnimationFrame, plus a timeout for when the tab is hidden) works out
// which phase the elapsed time falls in. Paused time is left out of the elapsed time.
// A hidden tab therefore comes back on the right step, and the routine ends when the
// script says it does.

import { buildSchedule, isOver, phaseAt, skipTarget, backTarget } from "./schedule.js";
import { Cues, voicePreference } from "./cues.js";
import { SessionLog, forget, keep, newId, pendingSessions } from "./sessions.js";
import { askWhichHurt, exercisesOf } from "./hurt.js";
import { announceText, render as draw, show, whereText } from "./player_view.js";
import { WakeLock, fullScreenButton } from "./screen_keeper.js";
import { word } from "./words.js";

const data = JSON.parse(document.getElementById("timeline").textContent);
const steps = data.steps;
const schedule = buildSchedule(data.phases);
const root = document.getElementById("player");
const $ = (id) => document.getElementById(id);

const ui = {
  setup: $("setup"), setupForm: $("setup-form"),
  voice: $("voice"), pendingNote: $("pending-note"), painProblem: $("pain-before-problem"),
  play: $("play"), progress: $("progress"), timeLeft: $("time-left"),
  phaseLabel: $("phase-label"), countdown: $("countdown"), name: $("now-name"),
  side: $("now-side"), rep: $("now-rep"), set: $("now-set"), cue: $("now-cue"),
  position: $("now-position"), demo: $("now-demo"), figureBox: $("figure-box"),
  figureCaption: $("figure-caption"), next: $("next"), precautions: $("now-precautions"),
  fullscreen: $("fullscreen"),
  pausedNote: $("paused-note"), pause: $("pause"), skip: $("skip"), back: $("back"),
  wakeNote: $("wake-note"),
  finish: $("finish"), finishTitle: $("finish-title"), finishSummary: $("finish-summary"),
  finishForm: $("finish-form"), save: $("save"),
  stopped: $("stopped"), stoppedTitle: $("stopped-title"),
  hurtForm: $("hurt-form"), hurtThanks: $("hurt-thanks"),
  after: $("after"), saveStatus: $("save-status"),
  stop: $("stop"), announce: $("announce"), alert: $("alert"), flash: $("flash"),
};

const cues = new Cues(ui.flash);
const log = new SessionLog(data.sessions_url, showPending);

// ---------------------------------------------------------------- the clock

const now = () => performance.now();

class Clock {
  constructor() { this.base = 0; this.anchor = 0; this.running = false; }
  elapsed() { return this.running ? this.base + (now() - this.anchor) : this.base; }
  start() { this.base = 0; this.anchor = now(); this.running = true; }
  pause() { this.base = this.elapsed(); this.running = false; }
  resume() { this.anchor = now(); this.running = true; }
  jump(t) { this.base = t; this.anchor = now(); }
}

// ---------------------------------------------------------------- state

const player = {
  state: "setup",         // setup | playing | paused | finished | stopped
  clock: new Clock(),
  index: -1,              // the phase on screen
  lastElapsed: 0,         // elapsed time at the previous frame
  done: new Set(),        // steps whose hold or move has run to the end
  session: null,
  saved: false,
  hidden: document.visibilityState === "hidden",
  raf: 0,
  timer: 0,
  log: [],                // [{phase, scheduled, at}] when each phase came on screen
  wallStart: 0,
  wallEnd: 0,
};

// ---------------------------------------------------------------- drawing

function render(elapsed) {
  draw({ root, ui, data, schedule, index: player.index, elapsed, paused: player.state === "paused" });
}

/** Where the person is: the phase on screen, or the last before the end. */
const currentPhase = () => schedule.phases[Math.max(0, Math.min(player.index, schedule.end - 1))];

// ---------------------------------------------------------------- cues

/** Cue points inside a phase: [ms from the start of the session, action]. */
function cuePoints(phase) {
  const points = [];
  const length = phase.end - phase.start;
  const countdown = () => {
    for (const n of [3, 2, 1]) {
      points.push([phase.end - n * 1000, () => cues.cue("tick", String(n), "cue")]);
    }
  };
  if (phase.kind === "get-ready" && length >= 4000) countdown();
  if (phase.kind === "hold" || phase.kind === "move") {
    if (length >= 20000) {
      points.push([phase.start + length / 2, () => cues.cue("halfway", word("halfway"), "cue")]);
    }
    if (length >= 8000) countdown();
  }
  if ((phase.kind === "switch-sides" || phase.kind === "rest") && length >= 5000) countdown();
  return points;
}

/** The tone and flash each kind of phase begins with; the words are the script's. */
const OPENING = {
  "get-ready": ["rest", "cue"], hold: ["start", "cue"], move: ["start", "cue"],
  rest: ["rest", "cue"], "switch-sides": ["switch", "switch"], done: ["done", "done"],
};

function phaseStartCue(phase) {
  const [tone, flash] = OPENING[phase.kind] || ["rest", "cue"];
  cues.cue(tone, phase.say, flash);
}

function announce(text) {
  if (text) ui.announce.textContent = text;
}

// ---------------------------------------------------------------- the frame loop

function markDone(from, to) {
  for (const phase of schedule.phases) {
    if ((phase.kind === "hold" || phase.kind === "move") && phase.end > from && phase.end <= to) {
      player.done.add(phase.step);
    }
  }
}

function frame() {
  if (player.state !== "playing" && player.state !== "paused") return;
  const { clock } = player;
  const elapsed = clock.elapsed();
  const index = phaseAt(schedule, elapsed);
  markDone(player.lastElapsed, elapsed);

  if (index !== player.index) {
    const over = isOver(schedule, index);
    const fresh = !over && elapsed - schedule.phases[index].start < 1500;
    player.index = index;
    player.log.push({ phase: index, scheduled: over ? schedule.total : schedule.phases[index].start, at: elapsed });
    if (over) {
      finish();
      return;
    }
    const phase = schedule.phases[index];
    if (fresh && !player.hidden) announce(announceText(phase));
    if (fresh) phaseStartCue(phase);
  } else if (!isOver(schedule, index)) {
    for (const [at, act] of cuePoints(schedule.phases[index])) {
      if (at > player.lastElapsed && at <= elapsed && elapsed - at < 1000) act();
    }
  }
  player.lastElapsed = elapsed;
  render(elapsed);
  plan(elapsed);
}

/** Ask for the next frame: an animation frame when visible, and a timeout at the next deadline. */
function plan(elapsed) {
  cancelAnimationFrame(player.raf);
  clearTimeout(player.timer);
  if (player.state !== "playing") return;
  if (!player.hidden) player.raf = requestAnimationFrame(frame);
  const phase = schedule.phases[player.index];
  // The next moment anything changes: the phase's end, a cue, or the countdown's next second.
  let next = phase.end;
  for (const [at] of cuePoints(phase)) if (at > elapsed && at < next) next = at;
  const secondMark = phase.end - Math.floor((phase.end - elapsed) / 1000) * 1000;
  if (secondMark > elapsed && secondMark < next) next = secondMark;
  player.timer = setTimeout(frame, Math.max(0, Math.min(next - elapsed, 1000)));
}

// ---------------------------------------------------------------- controls

function setState(state) {
  player.state = state;
  root.dataset.state = state;
}

function start(event) {
  event.preventDefault();
  const painBefore = new FormData(ui.setupForm).get("pain_before");
  if (painBefore === null) {  // the session log needs it; one tap
    show(ui.painProblem, true);
    ui.setupForm.querySelector('input[name="pain_before"]').focus();
    return;
  }
  show(ui.painProblem, false);
  cues.setVoice(ui.voice.checked);
  cues.unlock();

  player.session = {
    id: newId(),
    routine: data.routine,
    plan: data.plan,
    program: data.program,  // a clinician's program (its code); undefined for a routine
    started_at: new Date().toISOString(),
    ended_at: null,
    pain_before: Number(painBefore),
    pain_after: null,
    feeling: "",
    steps_done: 0,
    steps_total: steps.length,
    stopped_for_pain: false,
    painful_exercise: null,
  };
  player.index = -1;
  player.lastElapsed = 0;
  player.done = new Set();
  player.log = [];
  show(ui.setup, false);
  show(ui.play, true);
  setState("playing");
  player.wallStart = Date.now();
  player.clock.start();
  window.scrollTo(0, 0);
  root.focus({ preventScroll: true });
  requestWakeLock();
  frame();
}

function togglePause() {
  if (player.state === "playing") {
    player.clock.pause();
    setState("paused");
    cues.silence();
    announce(word("paused"));
    cues.flash("cue");
  } else if (player.state === "paused") {
    player.clock.resume();
    setState("playing");
    announce(word("carrying_on", { where: whereText(currentPhase()) }));
    requestWakeLock();
  } else {
    return;
  }
  frame();
  render(player.clock.elapsed());
}

function jumpTo(target) {
  if (player.state !== "playing" && player.state !== "paused") return;
  player.clock.jump(target);
  player.lastElapsed = target;  // steps jumped over are not done
  player.index = -1;            // so the new phase is announced
  cues.silence();
  if (player.state === "paused") {
    const index = phaseAt(schedule, target);
    player.index = index;
    if (isOver(schedule, index)) {
      finish();
      return;
    }
    announce(word("paused_on", { where: whereText(schedule.phases[index]) }));
    render(target);
    return;
  }
  frame();
}

const onAPhase = () => player.index >= 0 && !isOver(schedule, player.index);

function skip() {
  if (onAPhase()) jumpTo(skipTarget(schedule, player.index));
}

function back() {
  if (onAPhase()) jumpTo(backTarget(schedule, player.index, player.clock.elapsed()));
}

function endSession(stoppedForPain) {
  const { session } = player;
  player.clock.pause();
  cancelAnimationFrame(player.raf);
  clearTimeout(player.timer);
  player.wallEnd = Date.now();
  markDone(player.lastElapsed, player.clock.elapsed());
  session.ended_at = new Date().toISOString();
  session.steps_done = player.done.size;
  session.stopped_for_pain = stoppedForPain;
  wakeLock.release();
  fullScreen.leave();
  show(ui.play, false);
}

/** The session's exercises, each once, and how many of them were followed to the end. */
function exercisesDone() {
  const all = new Map();
  steps.forEach((step, i) => {
    all.set(step.exercise, (all.get(step.exercise) ?? true) && player.done.has(i));
  });
  return { done: [...all.values()].filter(Boolean).length, count: all.size };
}

function finish() {
  endSession(false);
  setState("finished");
  root.dataset.phase = "end";
  root.dataset.kind = "done";
  const { done, count } = exercisesDone();
  ui.finishSummary.textContent = done === count
    ? word("finished_all", { title: data.title })
    : word("finished_some", { done, title: data.title });
  show(ui.finish, true);
  show(ui.after, false);
  const end = schedule.phases[schedule.end];  // the script's "done": its words
  if (end) {
    cues.cue("done", end.say, "done");
    announce(end.say);
  }
  ui.finishTitle.focus();
}

async function saveSession(session) {
  player.saved = true;
  show(ui.after, true);
  ui.saveStatus.textContent = word("saving");
  const outcome = await log.save(session);
  const problem = outcome === "rejected" ? log.problem(session.id) : null;
  ui.saveStatus.textContent = problem?.detail
    ? word("save_rejected_why", { why: problem.detail })
    : word({ saved: "saved", later: "saved_later", rejected: "save_rejected", full: "save_full" }[outcome]);
  ui.saveStatus.dataset.outcome = outcome;
}

function submitFinish(event) {
  event.preventDefault();
  if (player.saved) return;
  const form = new FormData(ui.finishForm);
  const pain = form.get("pain_after");
  player.session.pain_after = pain === null ? null : Number(pain);
  player.session.feeling = form.get("feeling") || "";
  ui.save.disabled = true;
  show(ui.finishForm, false);
  saveSession(player.session);
}

function stopForPain() {
  cues.silence();
  const active = player.state === "playing" || player.state === "paused";
  if (active) endSession(true);
  if (player.state === "finished" && !player.saved) player.session.stopped_for_pain = true;
  const wasFinished = player.state === "finished";
  setState("stopped");
  for (const el of [ui.setup, ui.play, ui.finish]) show(el, false);
  show(ui.stopped, true);
  show(ui.after, true);
  ui.alert.textContent = word("stopped_alert");
  cues.say(word("stopped_say"));
  cues.flash("done");
  ui.stoppedTitle.focus();
  if ((active || wasFinished) && !player.saved) {
    const shown = onAPhase() ? schedule.phases[player.index].exercise : null;
    saveSession(player.session);  // saved at once; the answer below follows with the same id
    askWhichHurt(ui.hurtForm, exercisesOf(steps, data.exercises), shown, word("not_sure"),
      (slug, name, painNow) => {
        player.session.painful_exercise = slug;
        player.session.pain_after = painNow;  // the pain now: a flare shows in the log
        ui.hurtForm.hidden = true;
        if (slug || painNow !== null) {
          ui.hurtThanks.textContent = slug
            ? word("hurt_thanks", { name }) : ui.hurtThanks.dataset.painNoted;
          ui.hurtThanks.hidden = false;
          log.save(player.session);
        }
      });
  }
}

function onKey(event) {
  if (player.state !== "playing" && player.state !== "paused") return;
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const target = event.target;
  if (target.closest && target.closest("input, textarea, select")) return;
  if (event.key === " " || event.key === "Spacebar") {
    if (target.closest && target.closest("button, a")) return;  // the button's own action
    event.preventDefault();
    togglePause();
  } else if (event.key === "ArrowRight") {
    event.preventDefault();
    skip();
  } else if (event.key === "ArrowLeft") {
    event.preventDefault();
    back();
  }
}

// ---------------------------------------------------------------- the screen and the tab

const wakeLock = new WakeLock(ui.wakeNote);
let fullScreen = { leave() {} };

function requestWakeLock() {
  if (player.state === "playing" || player.state === "paused") wakeLock.request();
}

function onVisibility() {
  player.hidden = document.visibilityState === "hidden";
  if (player.hidden || (player.state !== "playing" && player.state !== "paused")) {
    if (player.hidden && player.state === "playing") plan(player.clock.elapsed());
    return;
  }
  requestWakeLock();
  frame();  // jump to wherever the clock says we are
  if (player.state === "playing" || player.state === "paused") {
    const phase = currentPhase();
    const where = whereText(phase);
    announce(word("back_on", { where, label: phase.text, seconds: ui.countdown.textContent }));
    cues.say(word("you_are_on", { where }));
  }
}

function onPageHide() {
  cues.silence();
  // Finished but not yet saved: keep it, so the next visit sends it.
  if (player.session && player.session.ended_at && !player.saved) keep(player.session).catch(() => {});
}

function onPageShow(event) {
  // Back from the browser's page cache before it was sent: the form here is the one to save.
  if (event.persisted && player.session && !player.saved) forget(player.session.id).catch(() => {});
}

// ---------------------------------------------------------------- set-up

/** What waits on this device: how many sessions are still to be sent, and any the server
 *  refused for good in an earlier visit (with its reason), so none is lost in silence. */
function showPending(count, refused = []) {
  const lang = document.documentElement.lang || undefined;
  const notes = count ? [word("pending", { count })] : [];
  for (const { session, problem } of refused) {
    if (player.session && session.id === player.session.id) continue;  // said in save-status
    const date = new Date(session.started_at).toLocaleDateString(lang, { day: "numeric", month: "long" });
    notes.push(word("refused_earlier", { date, why: problem?.detail || word("save_rejected") }));
  }
  ui.pendingNote.textContent = notes.join(" ");
  if (!count && ui.saveStatus.dataset.outcome === "later") {
    ui.saveStatus.textContent = word("saved");
    ui.saveStatus.dataset.outcome = "saved";
  }
}

/** True when this device's red-flag screen pass covers this routine and has not run out:
 *  the server checks it before it sends the page, and this checks it again for a copy of
 *  the page kept on the device and opened without the network. */
function screenIsCurrent(cookies = document.cookie) {
  const { areas, cookie } = data.screen;
  for (const part of cookies.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name !== cookie) continue;
    const [covered, until] = decodeURIComponent(rest.join("=")).split(".");
    const have = new Set(covered.split("+"));
    return Number(until) * 1000 > Date.now() && areas.every((area) => have.has(area));
  }
  return false;
}

function init() {
  if (!screenIsCurrent()) {  // no session can start: say why, and where to go
    show(ui.setup, false);
    show($("screen-again"), true);
    root.dataset.state = "screen-needed";
    root.dataset.ready = "true";
    return;
  }
  ui.voice.checked = voicePreference();
  ui.voice.addEventListener("change", () => cues.setVoice(ui.voice.checked));
  ui.setupForm.addEventListener("submit", start);
  ui.pause.addEventListener("click", togglePause);
  ui.skip.addEventListener("click", skip);
  ui.back.addEventListener("click", back);
  ui.stop.addEventListener("click", stopForPain);
  ui.finishForm.addEventListener("submit", submitFinish);
  document.addEventListener("keydown", onKey);
  document.addEventListener("visibilitychange", onVisibility);
  window.addEventListener("pagehide", onPageHide);
  window.addEventListener("pageshow", onPageShow);
  fullScreen = fullScreenButton(ui.fullscreen, root);
  pendingSessions().then((list) => showPending(list.length));
  log.start();

  // A small read-only view for automated tests; people never need it.
  window.backcarePlayer = {
    schedule: { total: schedule.total, phases: schedule.phases },
    snapshot() {
      const started = player.state !== "setup";
      return {
        state: player.state,
        elapsed: started ? player.clock.elapsed() : 0,
        phase: player.index,
        total: schedule.total,
        phases: schedule.phases,
        log: player.log.slice(),
        wallElapsed: player.wallStart ? (player.wallEnd || Date.now()) - player.wallStart : 0,
        stepsDone: player.done.size,
      };
    },
  };
  root.dataset.ready = "true";
}

init();
