// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Live character counter under every post text area.
  function updateCounter(textarea) {
    var counter = document.getElementById(textarea.getAttribute("aria-describedby"));
    if (!counter) return;
    var max = parseInt(textarea.dataset.max, 10);
    var form = textarea.form;
    var cw = form ? form.querySelector("[name=spoiler_text]") : null;
    var left = max - textarea.value.length - (cw ? cw.value.length : 0);
    counter.textContent = left + " / " + max;
    counter.classList.toggle("over", left < 0);
  }
  document.addEventListener("input", function (event) {
    var form = event.target.form || event.target;
    if (!form || !form.querySelectorAll) return;
    form.querySelectorAll("textarea[data-max]").forEach(updateCounter);
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-max]").forEach(updateCounter);
  });
  // A message from an earlier refused request goes once a later one succeeds.
  document.addEventListener("htmx:afterRequest", function (event) {
    var alerts = document.getElementById("alerts");
    if (alerts && event.detail.successful && event.detail.target !== alerts) alerts.innerHTML = "";
  });
  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    });
  }
})();
