// The player's words: the page embeds them (backcare.vocabulary.player_words) in the
// language of the page, so the JS files hold none of their own. {name} placeholders are
// filled with the script's numbers and names.

const element = document.getElementById("player-words");
const WORDS = element ? JSON.parse(element.textContent) : {};

/** The word for `key`, its {placeholders} filled from `values`. */
export function word(key, values = {}) {
  const text = Object.hasOwn(WORDS, key) ? WORDS[key] : "";
  return text.replace(/\{(\w+)\}/g, (match, name) => (
    Object.hasOwn(values, name) ? String(values[name]) : match));
}
