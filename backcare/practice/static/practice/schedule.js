// The player's schedule: the core's play script laid out on a clock.
//
// The phases come from the server (backcare.playscript, the same script as GET
// /api/timeline and the terminal player): get-ready, hold, move, rest, switch-sides and
// done, each with its seconds. They are laid out back to back, in milliseconds, and
// nothing is added: the total is the sum of the phases' seconds, the script's
// total_seconds. Nothing here reads a clock: the player asks "which phase holds this
// elapsed time?" on every frame, so the position always comes from the clock.

/** @typedef {{kind: string, seconds: number, step: number, index: number,
 *             start: number, end: number}} Phase */

/** Phases a person does something in: Back and Skip land on these. */
const ACTION_KINDS = new Set(["get-ready", "hold", "move"]);

/** Lay the script's phases out back to back: [{...phase, index, start, end}] and the total. */
export function buildSchedule(script) {
  const phases = [];
  let t = 0;
  script.forEach((phase, index) => {
    const length = phase.seconds * 1000;
    phases.push({ ...phase, index, start: t, end: t + length });
    t += length;
  });
  const done = phases.findIndex((p) => p.kind === "done");
  return { phases, total: t, end: done < 0 ? phases.length : done };
}

/** True when this index is the end of the session (the done phase, or past the last). */
export function isOver(schedule, index) {
  return index >= schedule.end;
}

/** Index of the phase running at elapsed ms (schedule.end once it is all over). */
export function phaseAt(schedule, elapsed) {
  const { phases } = schedule;
  if (elapsed >= schedule.total || !phases.length) return schedule.end;
  let lo = 0;
  let hi = phases.length - 1;
  while (lo < hi) {  // the last phase whose start <= elapsed (never one of no length)
    const mid = (lo + hi + 1) >> 1;
    if (phases[mid].start <= elapsed) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/** Where "Skip" goes: the start of the next get-ready, hold or move (rests are passed). */
export function skipTarget(schedule, index) {
  const { phases } = schedule;
  for (let i = index + 1; i < schedule.end; i++) {
    if (ACTION_KINDS.has(phases[i].kind)) return phases[i].start;
  }
  return schedule.total;
}

/** Where "Back" goes: the start of this get-ready, hold or move, or of the one before
 *  when it has only just begun (or during a rest). */
export function backTarget(schedule, index, elapsed) {
  const { phases } = schedule;
  const at = Math.min(index, schedule.end - 1);
  if (at < 0) return 0;
  const current = phases[at];
  if (ACTION_KINDS.has(current.kind) && elapsed - current.start > 2000) return current.start;
  for (let i = at - 1; i >= 0; i--) {
    if (ACTION_KINDS.has(phases[i].kind)) return phases[i].start;
  }
  return 0;
}
