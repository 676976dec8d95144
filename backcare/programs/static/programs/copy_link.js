// The program page's "copy the link" button: shown only where the script runs (without it
// the link sits in a read-only box to select). Its words come from the page.

const button = document.getElementById("copy-link");
const box = document.getElementById(button?.dataset.copy || "");
const status = document.getElementById("copy-status");

if (button && box && navigator.clipboard) {
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(box.value);
      status.textContent = button.dataset.copied;
    } catch {
      box.select();
      status.textContent = button.dataset.selected;
    }
  });
}
box?.addEventListener("focus", () => box.select());
