// claimscope: the article page's behaviour. Claim data comes from a JSON block and is only
// ever written with textContent, never as HTML.
(function () {
  "use strict";
  var holder = document.getElementById("claims-data");
  if (!holder) return;
  var data = JSON.parse(holder.textContent);
  var detail = document.getElementById("detail");

  function show(n, scroll) {
    var c = data[n];
    var mark = document.getElementById("claim-" + n);
    if (!c || !mark) return;
    document.querySelectorAll("mark.selected").forEach(function (m) { m.classList.remove("selected"); });
    document.querySelectorAll(".sentence.target").forEach(function (s) { s.classList.remove("target"); });
    document.querySelectorAll('mark[data-claim="' + n + '"]').forEach(function (m) { m.classList.add("selected"); });
    var sentence = mark.closest(".sentence");
    if (sentence) sentence.classList.add("target");
    detail.textContent = "";
    var h = document.createElement("h2");
    h.textContent = "Claim " + n + ": " + c.figure;
    detail.appendChild(h);
    var dl = document.createElement("dl");
    Object.keys(c).forEach(function (k) {
      if (k === "figure") return;
      var v = c[k];
      var dt = document.createElement("dt");
      var dd = document.createElement("dd");
      dt.textContent = k;
      dd.textContent = Array.isArray(v) ? v.join(k === "why" ? " | " : " → ") : (v === null ? "—" : String(v));
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
    detail.appendChild(dl);
    detail.hidden = false;
    if (scroll) mark.scrollIntoView({block: "center"});
  }

  function fromHash() {
    var m = /^#claim-(\d+)$/.exec(location.hash);
    if (m) show(m[1], true);
  }

  document.querySelectorAll("mark[data-claim]").forEach(function (m) {
    function pick() {
      show(m.dataset.claim, false);
      history.replaceState(null, "", "#claim-" + m.dataset.claim);
    }
    m.addEventListener("click", pick);
    m.addEventListener("keydown", function (e) { if (e.key === "Enter") pick(); });
  });
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
