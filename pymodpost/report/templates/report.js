// Filters for tables, and the relocation details on hover or selection.  One listener per
// table and per picture (event delegation), so 5,000 arrows cost nothing more to hover.
(function () {
  "use strict";
  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var table = document.getElementById(input.dataset.filter);
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
    input.addEventListener("input", function () {
      var q = input.value.toLowerCase();
      for (var i = 0; i < rows.length; i++) rows[i].hidden = q !== "" && texts[i].indexOf(q) < 0;
    });
  });
  // the overview opens the stage it links to
  document.querySelectorAll(".overview a").forEach(function (a) {
    a.addEventListener("click", function () {
      var target = document.querySelector(a.getAttribute("href"));
      if (target) target.open = true;
    });
  });
  var data = document.getElementById("relocations-data");
  var panel = document.getElementById("reloc-detail");
  if (!data || !panel) return;
  var relocs = JSON.parse(data.textContent);
  var arrows = {};
  document.querySelectorAll("path.reloc").forEach(function (p) { arrows[p.dataset.i] = p; });
  var table = document.getElementById("load-relocations");
  var rows = {};
  var selected = null;
  // the relocation table: rows made from the data, PAGE at a time, the filter searching all of them
  var PAGE = 300, KEYS = ["section", "index", "type", "symbol", "formula", "S", "A", "P", "before", "after"];
  var haystack = relocs.map(function (r) {
    return KEYS.map(function (k) { return String(r[k]); }).join(" ").toLowerCase();
  });
  var matching = [], shown = 0;
  var more = document.getElementById("relocations-more");
  var filter = document.getElementById("relocations-filter");
  function addRows() {
    var body = document.createDocumentFragment();
    var end = Math.min(matching.length, shown + PAGE);
    for (; shown < end; shown++) {
      var i = matching[shown], tr = document.createElement("tr");
      tr.dataset.relocRow = i;
      KEYS.forEach(function (k) {
        var td = document.createElement("td");
        td.textContent = relocs[i][k];
        tr.appendChild(td);
      });
      if (String(i) === String(selected)) tr.classList.add("sel");
      rows[i] = tr;
      body.appendChild(tr);
    }
    table.tBodies[0].appendChild(body);
    more.hidden = shown >= matching.length;
    more.textContent = "show more (" + (matching.length - shown) + " left)";
  }
  function refill() {
    var q = filter.value.toLowerCase();
    matching = [];
    for (var i = 0; i < relocs.length; i++) if (q === "" || haystack[i].indexOf(q) >= 0) matching.push(i);
    table.tBodies[0].replaceChildren();
    rows = {};
    shown = 0;
    addRows();
  }
  filter.addEventListener("input", refill);
  more.addEventListener("click", addRows);
  refill();
  function field(dl, name, value) {
    var dt = document.createElement("dt"), dd = document.createElement("dd");
    dt.textContent = name; dd.textContent = value;
    dl.appendChild(dt); dl.appendChild(dd);
  }
  function show(i) {
    var r = relocs[i];
    if (!r) return;
    var dl = document.createElement("dl");
    field(dl, "relocation", r.section + " #" + r.index);
    field(dl, "type", r.type);
    field(dl, "symbol", r.symbol);
    field(dl, "formula", r.formula);
    field(dl, "S", r.S); field(dl, "A", r.A); field(dl, "P", r.P);
    field(dl, "before", r.before); field(dl, "after", r.after);
    panel.replaceChildren(dl);
    panel.dataset.shown = i;
  }
  function mark(i, on) {
    if (i === null) return;
    if (arrows[i]) arrows[i].classList.toggle("sel", on);
    if (rows[i]) rows[i].classList.toggle("sel", on);
  }
  function select(i) {
    mark(selected, false);
    selected = i;
    mark(i, true);
    show(i);
    if (arrows[i]) arrows[i].parentNode.appendChild(arrows[i]);  // drawn on top
  }
  var svg = document.querySelector("svg.memory-map");
  svg.addEventListener("mouseover", function (e) {
    if (e.target.dataset && e.target.dataset.reloc) show(e.target.dataset.i);
  });
  svg.addEventListener("mouseout", function (e) {
    if (e.target.dataset && e.target.dataset.reloc && selected !== null) show(selected);
  });
  svg.addEventListener("click", function (e) {
    if (e.target.dataset && e.target.dataset.reloc) select(e.target.dataset.i);
  });
  table.tBodies[0].addEventListener("click", function (e) {
    var tr = e.target.closest("tr[data-reloc-row]");
    if (tr) select(tr.dataset.relocRow);
  });
})();
