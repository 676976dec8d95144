// The player's schedule: every phase's start and end, in milliseconds from the start.
//
// The content timeline (steps with holds and rests) is followed exactly; a get-ready
// phase is added before the first step of each exercise. Nothing here reads a clock:
// the player asks "which phase holds this elapsed time?" on every frame, so the
// position always comes from the clock, never from counting ticks.

/** @typedef {{kind: "ready"|"hold"|"rest", rest: null|"rest"|"switch"|"set"|"next",
 *             step: number, start: number, end: number}} Phase */

/** The kind of pause after step i: a plain rest, a side change, a new set, or a new exercise. */
export function restKind(steps, i) {
  const step = steps[i];
  const next = steps[i + 1];
  if (!next) return null;
  if (next.exercise !== step.exercise) return "next";
  if (next.side !== step.side) return "switch";
  if (next.set !== step.set) return "set";
  return "rest";
}

export function isFirstOfExercise(steps, i) {
  return i === 0 || steps[i - 1].exercise !== steps[i].exercise;
}

/** Build the phases for these steps with getReadySeconds before each exercise. */
export function buildSchedule(steps, getReadySeconds) {
  const phases = [];
  const holdPhase = [];
  let t = 0;
  steps.forEach((step, i) => {
    if (isFirstOfExercise(steps, i) && getReadySeconds > 0) {
      phases.push({ kind: "ready", rest: null, step: i, start: t, end: t + getReadySeconds * 1000 });
      t += getReadySeconds * 1000;
    }
    holdPhase.push(phases.length);
    phases.push({ kind: "hold", rest: null, step: i, start: t, end: t + step.hold_seconds * 1000 });
    t += step.hold_seconds * 1000;
    if (step.rest_seconds > 0) {
      phases.push({ kind: "rest", rest: restKind(steps, i), step: i, start: t,
                    end: t + step.rest_seconds * 1000 });
      t += step.rest_seconds * 1000;
    }
  });
  return { phases, holdPhase, total: t, getReadySeconds };
}

/** Index of the phase running at elapsed ms (phases.length once it is all over). */
export function phaseAt(schedule, elapsed) {
  const { phases } = schedule;
  if (elapsed >= schedule.total) return phases.length;
  let lo = 0;
  let hi = phases.length - 1;
  while (lo < hi) {  // the last phase whose start <= elapsed
    const mid = (lo + hi + 1) >> 1;
    if (phases[mid].start <= elapsed) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/** Where "Skip" goes: out of a get-ready into its step; otherwise to the next step. */
export function skipTarget(schedule, index) {
  const { phases } = schedule;
  const current = phases[index];
  if (current.kind === "ready") return current.end;
  for (let i = index + 1; i < phases.length; i++) {
    if (phases[i].step !== current.step && phases[i].kind !== "rest") return phases[i].start;
  }
  return schedule.total;
}

/** Where "Back" goes: the start of this step, or of the one before when just begun. */
export function backTarget(schedule, index, elapsed) {
  const { phases } = schedule;
  if (index >= phases.length) index = phases.length - 1;
  const stepStart = (step) => {
    const first = phases.findIndex((p) => p.step === step);
    return phases[first].start;
  };
  const step = phases[index].step;
  const start = stepStart(step);
  if (elapsed - start > 2000 || step === 0) return start;
  return stepStart(step - 1);
}
