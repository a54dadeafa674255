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
    // A post sent: its form empties, and its counter says so.
    var form = event.detail.elt;
    if (event.detail.successful && form && form.matches && form.matches("form.compose")) {
      form.reset();
      form.dispatchEvent(new Event("input", { bubbles: true }));
    }
  });
  function typing(target) {
    return target && target.closest && target.closest("input, textarea, select, [contenteditable]");
  }
  // Ctrl+Enter or Cmd+Enter in a post's text sends it.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    var textarea = event.target.closest && event.target.closest("form textarea");
    if (!textarea) return;
    event.preventDefault();
    if (textarea.form.requestSubmit) textarea.form.requestSubmit(); else textarea.form.submit();
  });
  // Feed shortcuts, as in Mastodon: j/k move between posts, r/f/e/b act on the selected one,
  // n writes a new post, ? lists them. Never while typing or with a modifier held.
  var selected = null;
  function posts() { return Array.prototype.slice.call(document.querySelectorAll("#main .post")); }
  function select(post) {
    if (!post) return;
    if (selected) selected.classList.remove("selected");
    selected = post;
    post.classList.add("selected");
    post.focus({ preventScroll: true });
    post.scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var dialog = document.querySelector("dialog[open]");
    if (dialog) return;
    var list = posts();
    var index = selected ? list.indexOf(selected) : -1;
    if (event.key === "j") { select(list[Math.min(index + 1, list.length - 1)]); }
    else if (event.key === "k") { select(list[Math.max(index - 1, 0)]); }
    else if (event.key === "n") {
      var compose = document.querySelector("#main .compose textarea");
      if (compose) compose.focus(); else { var link = document.querySelector(".compose-link"); if (link) link.click(); else return; }
    } else if (event.key === "?") {
      var help = document.getElementById("shortcuts");
      if (help && help.showModal) help.showModal(); else return;
    } else if ("rfeb".indexOf(event.key) >= 0 && selected) {
      var control = selected.querySelector('[data-key="' + event.key + '"]');
      if (control) control.click(); else return;
    } else { return; }
    event.preventDefault();
  });
  document.addEventListener("focusin", function (event) {
    var post = event.target.closest && event.target.closest("#main .post");
    if (post && post !== selected) { if (selected) selected.classList.remove("selected"); selected = post; post.classList.add("selected"); }
  });
  // The image viewer: the picture large, with its description; without JavaScript the link opens the file.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.media-link");
    var viewer = document.getElementById("viewer");
    if (!link || !viewer || !viewer.showModal || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    var img = viewer.querySelector("img");
    img.src = link.href;
    img.alt = link.dataset.alt || "";
    viewer.querySelector("figcaption").textContent = link.dataset.alt || "";
    viewer.showModal();
  });
  document.addEventListener("click", function (event) {
    var viewer = document.getElementById("viewer");
    if (viewer && event.target === viewer) viewer.close();
    // An open "more" menu closes when one clicks elsewhere.
    document.querySelectorAll("details.more[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) menu.removeAttribute("open");
    });
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".shortcuts-open").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { document.getElementById("shortcuts").showModal(); });
    });
  });
  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    });
  }
})();
