// Adds an empty "person working" row to the jobs formset without a reload.
// Progressive enhancement: without JavaScript the form still offers empty
// rows, and saving adds more.
(function () {
  "use strict";
  var fieldset = document.getElementById("jobs");
  var template = document.getElementById("job-row-template");
  var button = document.getElementById("add-job-row");
  if (!fieldset || !template || !button) {
    return;
  }
  var prefix = fieldset.getAttribute("data-formset-prefix");
  var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
  var rows = fieldset.querySelector(".job-rows");
  button.classList.remove("d-none");
  var fallback = fieldset.querySelector(".add-job-fallback");
  if (fallback) {
    fallback.classList.add("d-none");
  }
  button.addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var added = rows.lastElementChild.querySelector("select, input");
    if (added) {
      added.focus();
    }
  });
})();
