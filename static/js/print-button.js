// "Print" buttons (class print-button): shown and wired only when scripts run (CSP: no inline).
(function () {
  function wire() {
    document.querySelectorAll("button.print-button").forEach(function (button) {
      if (button.dataset.wired) return;
      button.dataset.wired = "1";
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();
