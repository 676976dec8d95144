// "Which exercise hurt?" — asked on the stop screen after "Stop — this hurts".
//
// The choices are the session's exercises in the order they came, the one on screen at
// the stop chosen already, and "Not sure"; below them, "How strong is the pain now?" on
// the 0-10 scale (optional). The answers go back with the same session id: the server
// adds them to the session saved at the stop, and leaves that exercise out of this
// device's next plans until the person includes it again.

/**
 * @param {HTMLFormElement} form  the stop screen's form (#hurt-form)
 * @param {{slug: string, name: string}[]} exercises  in session order, no repeats
 * @param {string|null} current  the exercise on screen when the person stopped
 * @param {string} notSure  the words of the last choice, in the page's language
 * @param {(slug: string|null, name: string|null, painNow: number|null) => void} onAnswer
 */
export function askWhichHurt(form, exercises, current, notSure, onAnswer) {
  const list = form.querySelector("[data-choices]");
  list.replaceChildren();
  for (const { slug, name } of exercises) {
    list.append(choice(slug, name, slug === current));
  }
  list.append(choice("", notSure, current === null));
  form.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const answers = new FormData(form);
    const picked = answers.get("painful_exercise") || "";
    const found = exercises.find((e) => e.slug === picked);
    const pain = answers.get("pain_after");
    form.querySelector("button").disabled = true;
    onAnswer(found ? found.slug : null, found ? found.name : null,
      pain === null ? null : Number(pain));
  }, { once: true });
}

function choice(value, text, checked) {
  const label = document.createElement("label");
  label.className = "pill";
  const input = document.createElement("input");
  input.type = "radio";
  input.name = "painful_exercise";
  input.value = value;
  input.checked = checked;
  const span = document.createElement("span");
  span.textContent = text;
  label.append(input, span);
  return label;
}

/** The session's exercises in order, each once: [{slug, name}]. */
export function exercisesOf(steps, names) {
  const seen = new Set();
  const out = [];
  for (const step of steps) {
    if (seen.has(step.exercise)) continue;
    seen.add(step.exercise);
    out.push({ slug: step.exercise, name: (names[step.exercise] || {}).name || step.name });
  }
  return out;
}
