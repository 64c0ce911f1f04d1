// A page that comes back with problems moves focus to its summary (class error-summary,
// tabindex -1), so keyboard and screen-reader users start at the list of what to fix.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary[tabindex]");
    if (summary) { summary.focus(); }
  });
})();
