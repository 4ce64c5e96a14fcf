"use strict";
(function () {
  // Filter and sort the paragraph rows. Each row's data is read once; a filter pass only flips the
  // `hidden` attribute of the rows whose visibility changes, so thousands of rows stay responsive.
  var list = document.getElementById("rows");
  if (!list) { return; }
  // In a report of several pages, each page's paragraphs follow a group header (its verdict and share);
  // a header shows while one of its paragraphs does, and in reading order only.
  var children = Array.prototype.slice.call(list.children);
  var groups = {};
  children.forEach(function (el) {
    if (el.classList.contains("group")) { groups[el.getAttribute("data-g")] = { el: el, shown: 0 }; }
  });
  var rows = children.filter(function (el) { return el.classList.contains("row"); }).map(function (el, i) {
    return {
      el: el, pos: i, verdict: el.getAttribute("data-v"), p: parseFloat(el.getAttribute("data-p")),
      types: (el.getAttribute("data-t") || "").split(" ").filter(Boolean), shown: true,
      group: groups[el.getAttribute("data-g")]
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
    Object.keys(groups).forEach(function (key) { groups[key].shown = 0; });
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var show = verdicts[row.verdict] === true && row.p >= min - 1e-9 &&
        (type === "" || (type === "none" ? row.types.length === 0 : row.types.indexOf(type) >= 0));
      if (show !== row.shown) { row.el.hidden = !show; row.shown = show; }
      if (show) { shown++; if (row.group) { row.group.shown++; } }
    }
    Object.keys(groups).forEach(function (key) {
      var group = groups[key];
      var visible = group.shown > 0;
      if (group.el.hidden === visible) { group.el.hidden = !visible; }
    });
    count.textContent = shown + " of " + total + " paragraphs shown";
  }

  var sortedBy = "position";
  function applySort() {
    var key = sortSelect.value;
    if (key === sortedBy) { return; }
    sortedBy = key;
    var order = key === "position" ? children : rows.slice().sort(function (a, b) {
      if (key === "prob-desc") { return b.p - a.p || a.pos - b.pos; }
      return a.p - b.p || a.pos - b.pos;
    }).map(function (row) { return row.el; });
    var fragment = document.createDocumentFragment();
    order.forEach(function (el) { fragment.appendChild(el); });
    list.appendChild(fragment);
    list.classList.toggle("flat", key !== "position");
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
