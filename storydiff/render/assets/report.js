// storydiff's HTML report: highlight a passage's partners and show their word diff.
// Reads only the JSON data block and writes with textContent: article text never becomes markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("sd-data").textContent);
  var panel = document.getElementById("detail");
  var current = null;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function words(parent, node) {
    parent.appendChild(node);
    parent.appendChild(document.createTextNode(" "));
  }

  // Every element of one passage (sentences in each column, bands in the picture) on or off.
  function mark(c, on) {
    var nodes = document.querySelectorAll('[data-c~="' + c + '"]');
    for (var i = 0; i < nodes.length; i++) nodes[i].classList.toggle("on", on);
  }

  function hide() {
    panel.hidden = true;
    if (current !== null) mark(current, false);
    current = null;
  }

  function diffLine(ops) {
    var p = el("p");
    ops.forEach(function (op) {
      if (op[0] === "equal") words(p, document.createTextNode(op[1]));
      else if (op[0] === "minor") words(p, el("span", op[2] || op[1], "minor"));
      else {
        if (op[1]) words(p, el("del", op[1]));
        if (op[2]) words(p, el("ins", op[2]));
      }
    });
    return p;
  }

  function show(c) {
    if (current !== null) mark(current, false);
    current = c;
    mark(c, true);
    var cluster = data.clusters[c];
    panel.replaceChildren();
    var close = el("button", "Close (Esc)", "close");
    close.type = "button";
    close.addEventListener("click", hide);
    panel.appendChild(close);
    panel.appendChild(el("strong", "Passage P" + (c + 1) + ": " + cluster.kind + ", score " + cluster.score.toFixed(2)));
    cluster.links.forEach(function (link) {
      var head = el("p");
      head.appendChild(el("span", data.labels[link.l] + " ~ " + data.labels[link.r] + " (" + link.kind + ", " + link.score.toFixed(2) + ")", "who"));
      panel.appendChild(head);
      panel.appendChild(diffLine(link.diff));
      link.why.forEach(function (line) { panel.appendChild(el("p", line, "who")); });
    });
    panel.hidden = false;
  }

  function pick(ev) {
    var target = ev.target.closest ? ev.target.closest("[data-c]") : null;
    if (target) show(parseInt(target.getAttribute("data-c"), 10));
  }

  document.addEventListener("mouseover", pick);
  document.addEventListener("focusin", pick);
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") hide(); });
})();
