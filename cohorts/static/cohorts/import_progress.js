// Follows a large attendance import in the background: asks the server how
// far it has got and shows it, then reloads the page when the work is done.
// Without this script the page refreshes itself (a <noscript> meta refresh).
(function () {
  "use strict";

  var box = document.querySelector("[data-import-progress]");
  if (!box || !window.fetch) {
    return;
  }
  var url = box.getAttribute("data-import-progress");
  var bar = box.querySelector("progress");
  var label = box.querySelector("[data-progress-label]");

  function show(progress) {
    label.textContent = progress.label;
    if (progress.determinate) {
      bar.max = progress.total;
      bar.value = progress.done;
    } else {
      // A progress element without a value shows work of unknown length.
      bar.removeAttribute("value");
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (progress) {
        if (!progress.running) {
          window.location.reload();
          return;
        }
        show(progress);
        window.setTimeout(poll, 2000);
      })
      .catch(function () {
        // A dropped connection or a restarting server: try again, less often.
        window.setTimeout(poll, 5000);
      });
  }

  window.setTimeout(poll, 1000);
})();
