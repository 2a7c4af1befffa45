// The check-in page without reloads: the search updates as letters are
// typed, a tap marks present (or undoes) and the count follows. The same
// forms work without this script; here they are sent with fetch and the
// JSON answer is applied. The search is posted, never put in a URL.
(function () {
  "use strict";

  // The sign-in sheet's print button is only useful with a script.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });

  var door = document.querySelector("[data-door]");
  if (!door || !window.fetch || !window.FormData) {
    return;
  }
  var status = document.getElementById("door-status");
  var last = document.getElementById("door-last");
  var results = document.getElementById("door-results");
  var searchForm = document.getElementById("door-search");
  var searchBox = searchForm.querySelector("input[name=q]");
  var searchCount = 0;
  var searchTimer = null;

  function post(url, data) {
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    });
  }

  function showCounts(counts) {
    Object.keys(counts).forEach(function (key) {
      var value = counts[key];
      door.querySelectorAll("[data-count='" + key + "']").forEach(function (item) {
        item.textContent = value === null ? "—" : String(value);
      });
    });
  }

  // Applies the answer to a change; returns the person's new row, if shown.
  function apply(body) {
    if (body.counts) {
      showCounts(body.counts);
    }
    if (typeof body.message === "string") {
      status.textContent = body.message;
    }
    if (typeof body.last_html === "string") {
      last.innerHTML = body.last_html;
    }
    var row = body.person ? document.getElementById("door-row-" + body.person) : null;
    if (row && typeof body.row_html === "string") {
      row.outerHTML = body.row_html;
      return document.getElementById("door-row-" + body.person);
    }
    return null;
  }

  function search(clear) {
    if (clear) {
      searchBox.value = "";
    }
    var data = new FormData(searchForm);
    if (clear) {
      data.append("clear", "1");
    }
    searchCount += 1;
    var mine = searchCount;
    post(searchForm.action, data)
      .then(function (body) {
        // Only the answer to the latest letters typed is shown.
        if (mine === searchCount) {
          results.innerHTML = body.results_html;
        }
      })
      .catch(function () {
        searchForm.submit();
      });
  }

  searchBox.addEventListener("input", function () {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(function () {
      search(false);
    }, 250);
  });

  door.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-door-action]");
    if (!button || button.dataset.plain) {
      return;
    }
    event.preventDefault();
    if (button.disabled) {
      return;
    }
    var fromRow = Boolean(button.closest(".door-row"));
    var data = new FormData(button.form);
    data.append(button.name, button.value);
    // One request per tap: a second tap waits for the first answer.
    button.disabled = true;
    // A button without its own formaction sends its form where the form says:
    // its formAction property would name this page instead.
    var action = button.hasAttribute("formaction") ? button.formAction : button.form.action;
    post(action, data)
      .then(function (body) {
        var row = apply(body);
        var next = row && fromRow ? row.querySelector("button") : searchBox;
        next.focus();
      })
      .catch(function () {
        // Let the browser send the form itself: the page says what happened.
        button.disabled = false;
        button.dataset.plain = "1";
        button.click();
      });
  });

  door.addEventListener("submit", function (event) {
    var form = event.target;
    var kind = form.getAttribute("data-door-form");
    if (kind === "search") {
      event.preventDefault();
      var clear = event.submitter && event.submitter.name === "clear";
      window.clearTimeout(searchTimer);
      search(clear);
      return;
    }
    if (kind !== "walk-in") {
      return;
    }
    event.preventDefault();
    post(form.action, new FormData(form))
      .then(function (body) {
        var box = document.getElementById("door-walk-in-body");
        box.innerHTML = body.form_html;
        if (body.invalid) {
          var invalid = box.querySelector(".is-invalid");
          if (invalid) {
            // Centred, so that the sticky count above never hides it.
            invalid.focus({ preventScroll: true });
            invalid.scrollIntoView({ block: "center" });
          }
          return;
        }
        apply(body);
        searchBox.focus();
      })
      .catch(function () {
        form.submit();
      });
  });
})();
