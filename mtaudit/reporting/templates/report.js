"use strict";
(function () {
  // Paragraph rows, drawn one page at a time from the report's data blocks (see mtaudit/reporting/html.py):
  // #report-index holds what filters and sorting need for every paragraph (verdict, p(MT), anomaly types),
  // #report-records one JSON line per paragraph, parsed only when its row is drawn. Every value from the
  // records goes into the page through textContent or attributes, never as markup.
  var list = document.getElementById("rows");
  var indexBlock = document.getElementById("report-index");
  var recordBlock = document.getElementById("report-records");
  if (!list || !indexBlock || !recordBlock) { return; }
  var index = JSON.parse(indexBlock.textContent);
  var lines = recordBlock.textContent.split("\n");
  var total = index.total;
  var strings = index.strings;
  var VERDICTS = { m: "machine", h: "human", u: "uncertain" };

  var verdictBoxes = Array.prototype.slice.call(document.querySelectorAll("input[name=verdict]"));
  var typeSelect = document.getElementById("f-type");
  var minInput = document.getElementById("f-min");
  var minOutput = document.getElementById("f-min-out");
  var sortSelect = document.getElementById("f-sort");
  var numbers = document.getElementById("f-numbers");
  var count = document.getElementById("f-count");
  var prev = document.getElementById("p-prev");
  var next = document.getElementById("p-next");
  var info = document.getElementById("p-info");
  var sizeSelect = document.getElementById("p-size");

  var order = [];   // positions of the paragraphs shown, in display order
  var page = 0;
  var sorted = {};  // positions sorted by each key, computed once

  function positions(key) {
    if (!sorted[key]) {
      var all = new Array(total);
      for (var i = 0; i < total; i++) { all[i] = i; }
      var p = index.p;
      if (key === "prob-desc") { all.sort(function (a, b) { return p[b] - p[a] || a - b; }); }
      if (key === "prob-asc") { all.sort(function (a, b) { return p[a] - p[b] || a - b; }); }
      sorted[key] = all;
    }
    return sorted[key];
  }

  function pageSize() { return parseInt(sizeSelect.value, 10) || index.pageSize; }

  function applyFilter() {
    var verdicts = {};
    verdictBoxes.forEach(function (box) { verdicts[box.value] = box.checked; });
    var type = typeSelect.value;
    var bit = type === "" || type === "none" ? 0 : 1 << parseInt(type, 10);
    var min = parseFloat(minInput.value) - 1e-9;
    minOutput.value = parseFloat(minInput.value).toFixed(2);
    var all = positions(sortSelect.value);
    var v = index.v, p = index.p, t = index.t;
    order = [];
    for (var i = 0; i < total; i++) {
      var k = all[i];
      if (verdicts[VERDICTS[v[k]]] !== true || p[k] < min) { continue; }
      if (type === "none" ? t[k] !== 0 : bit && !(t[k] & bit)) { continue; }
      order.push(k);
    }
    count.textContent = order.length + " of " + total + " paragraphs shown";
    page = 0;
    draw();
  }

  function draw() {
    var size = pageSize();
    var pages = Math.max(1, Math.ceil(order.length / size));
    page = Math.min(page, pages - 1);
    drawRange(page * size, Math.min(order.length, (page + 1) * size));
    info.textContent = "Page " + (page + 1) + " of " + pages;
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
  }

  // In a report of several documents (pages of a site), each document's paragraphs follow a header with
  // its review (verdict, machine share, rank) while they are in reading order.
  var grouped = index.pages.length > 0;
  function drawRange(start, end) {
    var fragment = document.createDocumentFragment();
    var inOrder = grouped && sortSelect.value === "position";
    var lastGroup = null;
    for (var i = start; i < end; i++) {
      var article = row(order[i]);
      var g = article.dataset.g;
      if (inOrder && g !== lastGroup) { fragment.appendChild(groupHeader(reviewOf[g])); }
      lastGroup = g;
      fragment.appendChild(article);
    }
    list.replaceChildren(fragment);
  }

  var reviewOf = {};  // a document's first record -> its review
  index.pages.forEach(function (review) { reviewOf[review[6]] = review; });

  function groupHeader(review) {
    var header = el("header", "group");
    header.id = "g" + review[6];
    header.dataset.g = review[6];
    add(header, el("h3", null, review[0]), el("span", "badge v-" + review[1], review[1]),
      add(el("span", "prob"), "machine ", el("b", null, Math.round(review[2] * 100) + "%"),
        " of " + review[3] + " paragraph" + (review[3] !== 1 ? "s" : "") + " · review rank " + review[4]));
    if (review[5]) { header.appendChild(el("span", "loc", review[5])); }
    return header;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function add(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var child = arguments[i];
      parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return parent;
  }

  function row(pos) {
    var r = JSON.parse(lines[pos]);
    var verdict = VERDICTS[index.v[pos]];
    var p = index.p[pos];
    var article = el("article", "row");
    article.id = "r" + pos;
    article.dataset.v = verdict;
    article.dataset.p = p.toFixed(4);
    article.tabIndex = -1;
    article.setAttribute("aria-labelledby", "h" + pos);

    var id = r.id !== undefined ? r.id : index.documents[r.d] + ":" + r.k;
    var head = add(el("div", "row-head"), el("span", "badge v-" + verdict, verdict),
      add(el("span", "prob"), "p(MT) ", el("b", null, p.toFixed(2))));
    var title = el(grouped ? "h4" : "h3", null, id);
    title.id = "h" + pos;
    head.appendChild(title);
    if (r.w) { head.appendChild(el("span", "loc", r.w)); }
    article.appendChild(head);
    if (grouped) { article.dataset.g = index.pages[r.d][6]; }

    var anomalies = r.a || [];
    article.appendChild(highlighted(r.x, anomalies, r.h || [], pos));
    if (anomalies.length) { article.appendChild(anomalyList(r.x, anomalies, pos)); }
    if (r.b !== undefined || r.rt) { article.appendChild(backtranslation(r)); }
    article.appendChild(facts(r));
    return article;
  }

  var typeIndexes = {};  // anomaly type name -> [name, colour slot]
  index.types.forEach(function (t) { typeIndexes[t[0]] = t; });
  function typeOf(anomaly) { return typeIndexes[strings[anomaly[0]]]; }

  function highlighted(text, anomalies, cuts, pos) {
    var paragraph = el("p", "text");
    paragraph.lang = "fr";
    var at = 0;
    cuts.forEach(function (cut) {
      var start = cut[0], end = cut[1], covers = cut[2];
      if (start > at) { paragraph.appendChild(document.createTextNode(text.slice(at, start))); }
      var strongest = covers.reduce(function (best, k) {
        return best === null || anomalies[k][3] > anomalies[best][3] ? k : best;
      }, null);
      var mark = el("mark", "c" + typeOf(anomalies[strongest])[1] + " s-" + index.severities[anomalies[strongest][3]] +
        (covers.length > 1 ? " multi" : ""), text.slice(start, end));
      mark.tabIndex = 0;
      mark.dataset.tip = covers.map(function (k) {
        var a = anomalies[k];
        return strings[a[0]] + " (" + index.severities[a[3]] + "): " + strings[a[4]];
      }).join("\n");
      mark.setAttribute("aria-describedby", covers.map(function (k) { return "a" + pos + "-" + k; }).join(" "));
      paragraph.appendChild(mark);
      at = end;
    });
    if (at < text.length) { paragraph.appendChild(document.createTextNode(text.slice(at))); }
    return paragraph;
  }

  function anomalyList(text, anomalies, pos) {
    var ul = el("ul", "anoms");
    ul.setAttribute("aria-label", "Anomalies");
    anomalies.forEach(function (a, k) {
      var drawn = 0 <= a[1] && a[1] < a[2] && a[2] <= text.length;
      var quoted = el("q", null, a.length > 5 ? a[5] : text.slice(a[1], a[2]));
      quoted.lang = "fr";
      var severity = index.severities[a[3]];
      var li = add(el("li"), el("span", "chip c" + typeOf(a)[1], strings[a[0]]), el("span", "sev " + severity, severity),
        quoted, " — " + strings[a[4]]);
      li.id = "a" + pos + "-" + k;
      if (!drawn) {
        add(li, " ", el("span", "na", "(offsets " + a[1] + "–" + a[2] + " do not fit the text: not highlighted)"));
      }
      ul.appendChild(li);
    });
    return ul;
  }

  function backtranslation(r) {
    var box = el("div", "bt");
    var english = add(el("section"), el("h4", null, "Back-translation · English"));
    if (r.b !== undefined) {
      var p = el("p", null, r.b);
      p.lang = "en";
      english.appendChild(p);
    } else {
      english.appendChild(el("p", "na", "unavailable"));
    }
    var round = add(el("section"), el("h4", null, "Round trip · French" + (r.rt ? ", changes marked" : "")));
    if (r.rt) {
      var text = el("p");
      text.lang = "fr";
      r.rt.forEach(function (piece) {
        var op = piece.charAt(0), words = piece.slice(1);
        text.appendChild(op === "+" ? el("ins", null, words) : op === "-" ? el("del", null, words) : document.createTextNode(words));
      });
      round.appendChild(text);
      var scores = r.ri + " word" + (r.ri !== 1 ? "s" : "") + " new or changed, " + r.rd + " lost";
      (r.rs || []).forEach(function (s) { scores += " · " + s[0] + " " + s[1]; });
      round.appendChild(el("p", "scores", scores));
    } else {
      round.appendChild(el("p", "na", "unavailable"));
    }
    return add(box, english, round);
  }

  function facts(r) {
    var box = el("div", "facts");
    if (r.f) {
      var fluency = el("span", null, "Fluency: ");
      r.f.forEach(function (pair, i) {
        add(fluency, (i ? " · " : "") + pair[0] + " ", el("b", null, pair[1]));
      });
      box.appendChild(fluency);
    }
    if (r.r) {
      var ol = el("ol", "reasons");
      r.r.forEach(function (reason) {
        var numbers = strings[reason[1]] + " = " + reason[2] + " (" + reason[3] + ")";
        var li = add(el("li"), strings[reason[0]], el("span", "num", " [" + numbers + "]"));
        li.title = numbers;
        ol.appendChild(li);
      });
      box.appendChild(add(el("span"), "Top reasons: ", ol));
    }
    var missing = [];
    if (r.b === undefined) { missing.push("back-translation"); }
    if (!r.rt) { missing.push("round trip"); }
    if (!r.f) { missing.push("fluency"); }
    if (missing.length) { box.appendChild(el("span", "na", "Unavailable: " + missing.join(", "))); }
    return box;
  }

  function reset() {
    verdictBoxes.forEach(function (box) { box.checked = true; });
    typeSelect.value = "";
    minInput.value = "0";
    sortSelect.value = "position";
    applyFilter();
  }

  verdictBoxes.forEach(function (box) { box.addEventListener("change", applyFilter); });
  typeSelect.addEventListener("change", applyFilter);
  minInput.addEventListener("input", applyFilter);
  sortSelect.addEventListener("change", applyFilter);
  sizeSelect.addEventListener("change", function () { page = 0; draw(); });
  prev.addEventListener("click", function () { page -= 1; draw(); list.scrollIntoView(); });
  next.addEventListener("click", function () { page += 1; draw(); list.scrollIntoView(); });
  document.getElementById("f-reset").addEventListener("click", reset);
  numbers.addEventListener("change", function () { document.body.classList.toggle("show-numbers", numbers.checked); });

  // Show the paragraph at ``pos``: on its page, in reading order when grouped, all filters off if needed.
  function reveal(pos) {
    if (grouped && sortSelect.value !== "position") { sortSelect.value = "position"; applyFilter(); }
    var at = order.indexOf(pos);
    if (at < 0) { reset(); at = order.indexOf(pos); }
    page = Math.floor(at / pageSize());
    draw();
    return document.getElementById("r" + pos);
  }

  // The ranked pages link to their paragraphs: draw that page before the browser follows the link.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#g']");
    if (link) { reveal(parseInt(link.getAttribute("href").slice(2), 10)); }
  });

  // The chart along the document: a click jumps to that paragraph, on its page.
  var along = document.getElementById("along");
  function jump(fraction) {
    var target = reveal(Math.min(total - 1, Math.max(0, Math.floor(fraction * total))));
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
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

  // Printing shows every paragraph that passes the filters, not just the current page.
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
    drawRange(0, order.length);
  });
  window.addEventListener("afterprint", draw);
  applyFilter();
})();
