"use strict";
(function () {
  // Filter and sort the paragraph rows. Each row's data is read once; a filter pass only flips the
  // `hidden` attribute of the rows whose visibility changes, so thousands of rows stay responsive.
  var list = document.getElementById("rows");
  if (!list) { return; }
  var rows = Array.prototype.map.call(list.children, function (el, i) {
    return {
      el: el, pos: i, verdict: el.getAttribute("data-v"), p: parseFloat(el.getAttribute("data-p")),
      types: (el.getAttribute("data-t") || "").split(" ").filter(Boolean), shown: true
    };
  });
  var verdictBoxes = Array.prototype.slice.call(document.querySelectorAll("input[name=verdict]"));
  var typeSelect = document.getElementById("f-type");
  var minInput = document.getElementById("f-min");
  var minOutput = document.getElementById("f-min-out");
  var sortSelect = document.getElementById("f-sort");
  var count = document.getElementById("f-count");
  var total = rows.length;

  function applyFilter() {
    var verdicts = {};
    verdictBoxes.forEach(function (box) { verdicts[box.value] = box.checked; });
    var type = typeSelect.value;
    var min = parseFloat(minInput.value);
    minOutput.value = min.toFixed(2);
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var show = verdicts[row.verdict] === true && row.p >= min - 1e-9 &&
        (type === "" || (type === "none" ? row.types.length === 0 : row.types.indexOf(type) >= 0));
      if (show !== row.shown) { row.el.hidden = !show; row.shown = show; }
      if (show) { shown++; }
    }
    count.textContent = shown + " of " + total + " paragraphs shown";
  }

  var sortedBy = "position";
  function applySort() {
    var key = sortSelect.value;
    if (key === sortedBy) { return; }
    sortedBy = key;
    var order = rows.slice().sort(function (a, b) {
      if (key === "prob-desc") { return b.p - a.p || a.pos - b.pos; }
      if (key === "prob-asc") { return a.p - b.p || a.pos - b.pos; }
      return a.pos - b.pos;
    });
    var fragment = document.createDocumentFragment();
    order.forEach(function (row) { fragment.appendChild(row.el); });
    list.appendChild(fragment);
  }

  function reset() {
    verdictBoxes.forEach(function (box) { box.checked = true; });
    typeSelect.value = "";
    minInput.value = "0";
    sortSelect.value = "position";
    applySort();
    applyFilter();
  }

  verdictBoxes.forEach(function (box) { box.addEventListener("change", applyFilter); });
  typeSelect.addEventListener("change", applyFilter);
  minInput.addEventListener("input", applyFilter);
  sortSelect.addEventListener("change", applySort);
  document.getElementById("f-reset").addEventListener("click", reset);

  // The chart along the document: a click jumps to that paragraph (the rows themselves are keyboard-reachable).
  var along = document.getElementById("along");
  function jump(fraction) {
    var index = Math.min(total - 1, Math.max(0, Math.floor(fraction * total)));
    var row = rows[index];
    if (!row) { return; }
    if (!row.shown) { reset(); }
    row.el.scrollIntoView({ block: "center" });
    row.el.focus({ preventScroll: true });
  }
  if (along && total) {
    along.addEventListener("click", function (event) {
      var box = along.getBoundingClientRect();
      var width = parseFloat(along.getAttribute("data-width"));
      var left = parseFloat(along.getAttribute("data-left")) / width * box.width;
      var right = parseFloat(along.getAttribute("data-right")) / width * box.width;
      var x = event.clientX - box.left;
      if (x >= left && x <= right) { jump((x - left) / (right - left)); }
    });
  }

  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });
  applyFilter();
})();
