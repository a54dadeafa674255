// Keyboard shortcuts of the moderation queue (j/k move, Enter opens) and of an item (a decision's
// key decides, / goes to the reason); n opens the next item on both. The next item's address is
// the script element's data-next.
(function () {
  "use strict";
  var next = document.currentScript && document.currentScript.dataset.next;
  var form = document.getElementById("decide");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.queue-item"));
  var i = 0;
  function sel(n) {
    if (!rows.length) return;
    rows[i].classList.remove("selected");
    i = Math.max(0, Math.min(rows.length - 1, n));
    rows[i].classList.add("selected");
    rows[i].scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", function (e) {
    if (e.target.closest("input,textarea") || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "n" && next) { location.href = next; return; }
    if (form) {
      if (e.key === "/") { e.preventDefault(); document.getElementById("reason").focus(); return; }
      var button = form.querySelector('button[data-key="' + e.key + '"]');
      if (button) { e.preventDefault(); button.click(); }
      return;
    }
    if (e.key === "j") sel(i + 1);
    else if (e.key === "k") sel(i - 1);
    else if (e.key === "Enter" && rows.length) location.href = rows[i].dataset.href;
  });
})();
