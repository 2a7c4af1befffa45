// Score sheet and live page helpers; both pages work without them.
// - Keeps the juror's choices in this browser until the server has them, so a
//   dropped connection or a reload on venue Wi-Fi loses nothing typed.
// - Saves drafts as the juror goes, and sends the sheet in the background:
//   when the connection drops, it says so and sends again until it arrives.
//   The sheet carries one submission key, kept here too, so the server counts
//   a submission sent twice only once.
// - Asks before submitting, since a submitted sheet is locked; not when a
//   counted criterion has no score, as the server then refuses the sheet and
//   says which criteria are missing.
// - On the live page, asks the server every few seconds who is on stage and
//   follows the chair, unless the juror has choices not yet saved.
(function () {
  "use strict";

  var POLL_MS = 5000;
  var AUTOSAVE_MS = 1500;
  var store = null;
  try {
    store = window.localStorage;
  } catch (error) {
    store = null;
  }

  function keyFor(sheetId) {
    return "vsfa-sheet-" + sheetId;
  }

  function read(key) {
    if (!store) {
      return {};
    }
    try {
      return JSON.parse(store.getItem(key) || "{}");
    } catch (error) {
      return {};
    }
  }

  function write(key, value) {
    if (!store) {
      return;
    }
    try {
      store.setItem(key, JSON.stringify(value));
    } catch (error) {
      // A full or private store: the page still works, without the backup.
    }
  }

  function forget(key) {
    if (store) {
      store.removeItem(key);
    }
  }

  var locked = document.getElementById("sheet-locked");
  if (locked && locked.dataset.sheet) {
    forget(keyFor(locked.dataset.sheet));
  }

  function setUpSheet(form) {
    var key = keyFor(form.dataset.sheet);
    var status = document.getElementById("sheet-status");
    var keyInput = form.querySelector("input[name=submission_key]");
    var comment = form.querySelector("textarea[name=comment]");
    var bypass = false;
    var timer = null;
    var attempt = 0;

    function say(text) {
      if (status) {
        status.textContent = text || "";
      }
    }

    function choices() {
      var values = {};
      form.querySelectorAll("input[type=radio]:checked").forEach(function (input) {
        values[input.name] = input.value;
      });
      return values;
    }

    function remember(dirty) {
      write(key, {
        values: choices(),
        comment: comment ? comment.value : "",
        submission_key: keyInput ? keyInput.value : "",
        dirty: dirty,
      });
    }

    // Choices not yet confirmed by the server are newer than what it holds.
    var kept = read(key);
    if (kept.dirty) {
      if (keyInput && kept.submission_key) {
        keyInput.value = kept.submission_key;
      }
      Object.keys(kept.values || {}).forEach(function (name) {
        var choice = form.querySelector(
          "input[name='" + name + "'][value='" + kept.values[name] + "']"
        );
        if (choice) {
          choice.checked = true;
        }
      });
      if (comment && kept.comment) {
        comment.value = kept.comment;
      }
    }

    function scoredEverywhere() {
      var sets = form.querySelectorAll("fieldset[data-counted]");
      return Array.prototype.every.call(sets, function (set) {
        return set.querySelector("input[type=radio]:checked") !== null;
      });
    }

    function post(action) {
      var data = new FormData(form);
      data.append(action, "1");
      return window.fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
    }

    function deliver(action, quiet) {
      window.clearTimeout(timer);
      post(action)
        .then(function (response) {
          if (response.status >= 500) {
            throw new Error("server");
          }
          return response.json().then(function (body) {
            return { status: response.status, body: body };
          });
        })
        .then(function (answer) {
          attempt = 0;
          if (answer.status === 200 && answer.body.outcome === "saved") {
            remember(false);
            say(form.dataset.saved);
            return;
          }
          if (answer.status === 200) {
            forget(key);
            window.location.assign(answer.body.redirect);
            return;
          }
          if (quiet) {
            say(answer.body.message);
            return;
          }
          // Refused: the page sent the usual way shows why, field by field.
          bypass = true;
          form.requestSubmit(form.querySelector("button[name=" + action + "]"));
        })
        .catch(function () {
          say(form.dataset.offline);
          var delay = Math.min(30000, 2000 * Math.pow(2, attempt));
          attempt += 1;
          timer = window.setTimeout(function () {
            deliver(action, quiet);
          }, delay);
        });
    }

    function changed() {
      remember(true);
      if (!window.fetch) {
        return;
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        deliver("draft", true);
      }, AUTOSAVE_MS);
    }

    form.addEventListener("change", changed);
    form.addEventListener("input", function () {
      remember(true);
    });
    form.addEventListener("submit", function (event) {
      if (bypass) {
        return;
      }
      var button = event.submitter;
      var action = button && button.name === "submit" ? "submit" : "draft";
      // A sheet with a counted criterion unscored is not locked: the server
      // refuses it, criterion by criterion, so there is nothing to confirm.
      if (
        action === "submit" &&
        scoredEverywhere() &&
        !window.confirm(form.dataset.confirm)
      ) {
        event.preventDefault();
        return;
      }
      remember(true);
      if (!window.fetch) {
        return;
      }
      event.preventDefault();
      deliver(action, false);
    });
    if (kept.dirty && window.fetch) {
      deliver("draft", true);
    }
  }

  function followQueue(live) {
    var version = live.dataset.version;
    var banner = document.getElementById("live-banner");

    function unsaved() {
      var sheet = document.getElementById("score-sheet");
      return sheet && read(keyFor(sheet.dataset.sheet)).dirty;
    }

    function schedule() {
      window.setTimeout(poll, POLL_MS);
    }

    function poll() {
      window
        .fetch(live.dataset.stateUrl, {
          credentials: "same-origin",
          cache: "no-store",
          headers: { Accept: "application/json" },
        })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (state) {
          if (!state || state.version === version) {
            return;
          }
          if (!unsaved()) {
            window.location.reload();
            return;
          }
          if (banner) {
            banner.textContent = live.dataset.changed + " ";
            var link = document.createElement("a");
            link.href = window.location.pathname;
            link.textContent = live.dataset.open;
            banner.appendChild(link);
            banner.classList.remove("d-none");
          }
        })
        .then(schedule, schedule);
    }

    if (window.fetch) {
      schedule();
    }
  }

  var form = document.getElementById("score-sheet");
  if (form) {
    setUpSheet(form);
  }
  var live = document.getElementById("live");
  if (live) {
    followQueue(live);
  }
})();
