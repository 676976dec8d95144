// "Take care": the current exercise's precautions, shown while the person gets ready.
//
// The box (#now-precautions) holds a title and an empty list. During a get-ready it lists
// that exercise's precautions; at any other moment, or for an exercise with none, it is
// hidden. The list is rebuilt only when the exercise changes, so a frame costs nothing.

/**
 * @param {HTMLElement} box  the "Take care" box, with a <ul> inside
 * @param {string[]|undefined} precautions  the current exercise's, in the library's words
 * @param {boolean} gettingReady  true during a get-ready phase
 */
export function showPrecautions(box, precautions, gettingReady) {
  const items = gettingReady && Array.isArray(precautions) ? precautions : [];
  const key = items.join("\n");
  if (box.dataset.shown !== key) {
    box.dataset.shown = key;
    box.querySelector("ul").replaceChildren(...items.map((text) => {
      const li = document.createElement("li");
      li.textContent = text;
      return li;
    }));
  }
  const visible = items.length > 0;
  if (box.hidden === visible) box.hidden = !visible;
}
