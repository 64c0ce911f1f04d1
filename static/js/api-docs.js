// Swagger UI builds its page as you open operations; name what it leaves unnamed and make its
// scrolling code samples reachable by keyboard (WCAG 4.1.2, 2.1.1).
(function () {
  "use strict";
  function mend(root) {
    root.querySelectorAll(".examples-select-element:not([aria-label])").forEach(function (select) {
      select.setAttribute("aria-label", "Example");
    });
    // A parameter with listed values (the level ids) is a select named after its row.
    root.querySelectorAll("tr[data-param-name] select:not([aria-label])").forEach(function (select) {
      select.setAttribute("aria-label", select.closest("tr").getAttribute("data-param-name"));
    });
    root.querySelectorAll(".highlight-code > pre:not([tabindex])").forEach(function (code) {
      code.setAttribute("tabindex", "0");
    });
  }
  new MutationObserver(function () { mend(document); })
    .observe(document.documentElement, { childList: true, subtree: true });
})();
