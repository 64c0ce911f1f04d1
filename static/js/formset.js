/* Rows to add and remove in the self-check's formsets, and the print button. No framework.
   Without this script the page still works: "Add" submits the form for one more row, and each
   row has a "Remove this entry" checkbox. */
(function () {
  "use strict";

  function renumber(section) {
    var rows = section.querySelectorAll("[data-formset-list] [data-formset-row]:not([hidden])");
    rows.forEach(function (row, i) {
      var number = row.querySelector("[data-formset-number]");
      if (number) { number.textContent = String(i + 1); }
    });
  }

  // What changed is said aloud (a polite live region): focus moves, but nothing else tells a
  // screen-reader user that a row appeared or went.
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  document.body.appendChild(status);

  // The announcement in the page's language (<html lang>); the legend is already translated.
  var WORDS = {
    en: {entry: "Entry", added: "{row} added", removed: "{row} removed"},
    es: {entry: "Entrada", added: "{row}: añadido", removed: "{row}: eliminado"}
  };
  var words = WORDS[(document.documentElement.lang || "en").slice(0, 2)] || WORDS.en;

  function announce(row, what) {
    var legend = row.querySelector("legend");
    var name = legend ? legend.textContent.trim() : words.entry;
    status.textContent = words[what].replace("{row}", name);
  }

  function enableRemove(section, row) {
    var box = row.querySelector("[data-formset-delete]");
    var button = row.querySelector("[data-formset-remove]");
    if (!box || !button) { return; }
    box.hidden = true;
    button.hidden = false;
    button.addEventListener("click", function () {
      var input = box.querySelector("input[type=checkbox]");
      if (input) { input.checked = true; }
      announce(row, "removed");
      row.hidden = true;
      renumber(section);
      var add = section.querySelector("[data-formset-add]");
      if (add) { add.focus(); }
    });
  }

  document.querySelectorAll("[data-formset]").forEach(function (section) {
    var prefix = section.getAttribute("data-formset");
    var total = section.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var list = section.querySelector("[data-formset-list]");
    var template = section.querySelector("template[data-formset-template]");
    var add = section.querySelector("[data-formset-add]");
    list.querySelectorAll("[data-formset-row]").forEach(function (row) { enableRemove(section, row); });
    if (!total || !template || !add) { return; }
    add.addEventListener("click", function (event) {
      event.preventDefault();
      var index = parseInt(total.value, 10) || 0;
      var holder = document.createElement("div");
      holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
      var row = holder.firstElementChild;
      list.appendChild(row);
      total.value = String(index + 1);
      enableRemove(section, row);
      renumber(section);
      announce(row, "added");
      var first = row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) { first.focus(); }
    });
  });

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
