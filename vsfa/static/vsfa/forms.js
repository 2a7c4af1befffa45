// A form sent back with errors puts the focus on its first field in error, so
// that a screen reader announces the field's label and, through the field's
// aria-describedby, what is wrong with it. Pages work without this.
(function () {
  "use strict";

  if (document.activeElement && document.activeElement !== document.body) {
    return;
  }
  var field = document.querySelector(
    "main [aria-invalid='true'], main fieldset.is-invalid input"
  );
  if (field) {
    field.focus();
  }
})();
