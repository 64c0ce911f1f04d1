// A re-evaluation job's page: poll its progress (JSON) while it runs and update the figures
// without a reload; when the job ends, load the page again for its impact report.
// Without scripts the page offers a "Refresh" link instead (CSP: no inline script).
(function () {
  var POLL_MS = 2000;

  function update(section, data) {
    var bar = section.querySelector("progress");
    bar.max = Math.max(data.total, 1);
    bar.value = data.processed;
    bar.textContent = data.percent + "%";
    section.querySelector("#job-progress-text").textContent = data.text;
    var status = section.querySelector("#job-status-text");
    var sentence = data.status_label + ".";
    var more = data.status_text !== data.status_label ? " " + data.status_text : "";
    if (status.dataset.shown !== sentence + more) {
      status.dataset.shown = sentence + more;
      status.textContent = "";
      var strong = document.createElement("strong");
      strong.textContent = sentence;
      status.appendChild(strong);
      status.appendChild(document.createTextNode(more));
    }
  }

  function poll(section) {
    fetch(section.dataset.progressUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        update(section, data);
        if (data.live) {
          window.setTimeout(function () { poll(section); }, POLL_MS);
        } else {
          window.location.reload();
        }
      })
      .catch(function () {
        // A network blip: try again a little later; the Refresh link still works.
        window.setTimeout(function () { poll(section); }, POLL_MS * 5);
      });
  }

  function start() {
    var section = document.querySelector("[data-progress-url]");
    if (!section || section.dataset.live !== "true") return;
    var refresh = section.querySelector(".job-refresh");
    if (refresh) refresh.hidden = true;
    window.setTimeout(function () { poll(section); }, POLL_MS);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
