// claimscope: the pages' behaviour. Claim data comes from a JSON block and is only ever
// written with textContent, never as HTML.
(function () {
  "use strict";

  // -- a timeline's marks: hover or focus shows the figure, source and date -----------------
  var tip = null;
  function showTip(mark) {
    var title = mark.querySelector("title");
    if (!title) return;
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "tip";
      tip.setAttribute("role", "tooltip");
      document.body.appendChild(tip);
    }
    tip.textContent = title.textContent;
    var box = mark.getBoundingClientRect();
    tip.style.left = Math.min(box.right + 8, window.innerWidth - 320) + "px";
    tip.style.top = Math.max(box.top - 30, 4) + "px";
    tip.hidden = false;
  }
  function hideTip() { if (tip) tip.hidden = true; }
  document.querySelectorAll("svg.timeline a.mark").forEach(function (m) {
    m.addEventListener("mouseenter", function () { showTip(m); });
    m.addEventListener("focus", function () { showTip(m); });
    m.addEventListener("mouseleave", hideTip);
    m.addEventListener("blur", hideTip);
  });

  // -- the article page: a claim's panel ------------------------------------------------------
  var holder = document.getElementById("claims-data");
  if (!holder) return;
  var data = JSON.parse(holder.textContent);
  var detail = document.getElementById("detail");
  var title = document.getElementById("detail-title");
  var fields = document.getElementById("detail-fields");
  var opener = null;  // the mark the panel was opened from: focus goes back to it on close

  function show(n, scroll) {
    var c = data[n];
    var mark = document.getElementById("claim-" + n);
    if (!c || !mark) return;
    document.querySelectorAll("mark.selected").forEach(function (m) { m.classList.remove("selected"); });
    document.querySelectorAll(".sentence.target").forEach(function (s) { s.classList.remove("target"); });
    document.querySelectorAll('mark[data-claim="' + n + '"]').forEach(function (m) { m.classList.add("selected"); });
    var sentence = mark.closest(".sentence");
    if (sentence) sentence.classList.add("target");
    title.textContent = "Claim " + n + ": " + c.figure;
    fields.textContent = "";
    Object.keys(c).forEach(function (k) {  // in the server's order: the analyst's
      if (k === "figure") return;
      var v = c[k];
      var dt = document.createElement("dt");
      var dd = document.createElement("dd");
      dt.textContent = k;
      dd.textContent = Array.isArray(v) ? v.join(k === "why" ? " | " : " → ") : (v === null ? "—" : String(v));
      fields.appendChild(dt);
      fields.appendChild(dd);
    });
    detail.dataset.claim = n;
    detail.hidden = false;
    editsFor(n);
    if (scroll) mark.scrollIntoView({block: "center"});
  }

  // --allow-edits: the forms are the page's claim's (?claim=N); another claim chosen hides them
  // and offers the way to its own
  function editsFor(n) {
    var own = false;
    document.querySelectorAll("form[data-claim], #detail-correct").forEach(function (f) {
      f.hidden = f.dataset.claim !== String(n);
      own = own || !f.hidden;
    });
    var other = document.getElementById("detail-edit");
    if (other) {
      other.hidden = own;
      other.href = location.pathname + "?claim=" + n + "#claim-" + n;
    }
  }

  // -- adding a claim the tool missed: a selection in the article gives its span --------------
  var article = document.getElementById("article");
  var add = document.getElementById("add");
  function length(s) { return Array.from(s).length; }  // code points, as the server counts offsets
  if (article && add) {
    document.addEventListener("selectionchange", function () {
      var sel = document.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
      var r = sel.getRangeAt(0);
      if (!article.contains(r.startContainer) || !article.contains(r.endContainer)) return;
      var text = r.toString();
      var figure = text.trim();
      if (!figure) return;
      var before = document.createRange();  // the article's text up to the selection
      before.setStart(article, 0);
      before.setEnd(r.startContainer, r.startOffset);
      var start = length(before.toString()) + length(text.slice(0, text.length - text.replace(/^\s+/, "").length));
      add.querySelector('[name="start"]').value = start;
      add.querySelector('[name="end"]').value = start + length(figure);
      add.querySelector('[name="figure"]').value = figure;
      document.getElementById("add-figure").textContent = "«" + figure + "»";
    });
    // offsets typed by hand: the selection's text no longer says which figure it is
    add.querySelectorAll('[name="start"], [name="end"]').forEach(function (i) {
      i.addEventListener("input", function () {
        add.querySelector('[name="figure"]').value = "";
        document.getElementById("add-figure").textContent = "(by its offsets)";
      });
    });
  }

  function close() {
    detail.hidden = true;
    document.querySelectorAll("mark.selected").forEach(function (m) { m.classList.remove("selected"); });
    history.replaceState(null, "", location.pathname + location.search);
    if (opener) opener.focus();
  }

  function fromHash() {
    var m = /^#claim-(\d+)$/.exec(location.hash);
    if (m) show(m[1], true);
  }

  document.querySelectorAll("mark[data-claim]").forEach(function (m) {
    function pick() {
      opener = m;
      show(m.dataset.claim, false);
      history.replaceState(null, "", "#claim-" + m.dataset.claim);
    }
    m.addEventListener("click", pick);
    m.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pick(); detail.focus(); }
    });
  });
  document.getElementById("detail-close").addEventListener("click", close);
  document.addEventListener("keydown", function (e) { if (e.key === "Escape" && !detail.hidden) close(); });
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
