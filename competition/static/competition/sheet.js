// Score sheet helpers; the sheet works without them.
// - Asks before submitting, since a submitted sheet is locked.
// - Keeps the juror's choices in this browser until the server has them, so a
//   dropped connection or a reload on venue Wi-Fi loses nothing typed. Kept
//   choices only fill criteria the server has no score for: they never
//   overwrite what the server holds.
(function () {
  "use strict";

  var locked = document.getElementById("sheet-locked");
  var form = document.getElementById("score-sheet");
  var store = null;
  try {
    store = window.localStorage;
  } catch (error) {
    store = null;
  }

  function keyFor(sheetId) {
    return "vsfa-sheet-" + sheetId;
  }

  if (locked && store) {
    var match = window.location.pathname.match(/\/(\d+)\/?$/);
    if (match) {
      store.removeItem(keyFor(match[1]));
    }
  }
  if (!form) {
    return;
  }

  var key = keyFor(form.dataset.sheet);

  function read() {
    if (!store) {
      return {};
    }
    try {
      return JSON.parse(store.getItem(key) || "{}");
    } catch (error) {
      return {};
    }
  }

  function remember() {
    if (!store) {
      return;
    }
    var kept = {};
    form.querySelectorAll("input[type=radio]:checked").forEach(function (input) {
      kept[input.name] = input.value;
    });
    var comment = form.querySelector("textarea[name=comment]");
    if (comment && comment.value) {
      kept.comment = comment.value;
    }
    store.setItem(key, JSON.stringify(kept));
  }

  var kept = read();
  Object.keys(kept).forEach(function (name) {
    if (name === "comment") {
      var comment = form.querySelector("textarea[name=comment]");
      if (comment && !comment.value) {
        comment.value = kept.comment;
      }
      return;
    }
    if (form.querySelector("input[name='" + name + "']:checked")) {
      return;
    }
    var choice = form.querySelector(
      "input[name='" + name + "'][value='" + kept[name] + "']"
    );
    if (choice) {
      choice.checked = true;
    }
  });

  form.addEventListener("change", remember);
  form.addEventListener("input", remember);
  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (button && button.name === "submit" && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
})();
