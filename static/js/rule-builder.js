/* The rule builder's live read-back: on each change the form is sent to the read-back
   endpoint and the plain-language reading (and the text/rule warnings) replaced in place.
   Without this script the "Preview" button does the same with a page load. No framework. */
(function () {
  "use strict";

  function refresh(form) {
    var target = document.getElementById("read-back");
    var data = new FormData(form);
    data.set("op", "preview");
    fetch(form.getAttribute("data-read-back"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (html) {
      if (html !== null && target) { target.innerHTML = html; }
    }).catch(function () { /* the Preview button still works */ });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-read-back]");
    if (!form) { return; }
    var timer = null;
    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { refresh(form); }, 300);
    }
    form.addEventListener("change", later);
    form.addEventListener("input", later);
  });
})();
