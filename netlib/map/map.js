(function () {
  "use strict";
  // the numbers travel as typed arrays in one compressed buffer, written with 32 digits that
  // are no letters; the texts as plain JSON (see netlib/map/encode.py)
  var D = JSON.parse(document.getElementById("netlib-data").textContent), DIGIT = new Uint8Array(128);
  for (var d = 0; d < D.digits.length; d++) DIGIT[D.digits.charCodeAt(d)] = d;
  function bytes(text) {  // "<length>|<digits>" -> a Uint8Array of that length
    var bar = text.indexOf("|"), length = +text.slice(0, bar), out = new Uint8Array(length + 5), acc = 0, bits = 0, o = 0;
    for (var k = bar + 1; k < text.length; k++) {
      acc = ((acc << 5) | DIGIT[text.charCodeAt(k)]) & 0xffff; bits += 5;
      if (bits >= 8) { bits -= 8; out[o++] = (acc >> bits) & 255; }
    }
    return out.subarray(0, length);
  }
  function inflate(text) {
    return new Response(new Blob([bytes(text)]).stream().pipeThrough(new DecompressionStream("deflate")));
  }
  var TYPES = { u8: Uint8Array, i8: Int8Array, u16: Uint16Array, i16: Int16Array, i32: Int32Array, f64: Float64Array };
  function decode(D, buffer) {
    function col(v) {  // a JSON list as it is; {t: type, o: offset, n: count, s: scale} as a typed array
      if (Array.isArray(v)) return v;
      var T = TYPES[v.t], a = new T(buffer.slice(v.o, v.o + v.n * T.BYTES_PER_ELEMENT));
      if (!v.s) return a;
      var f = new Float64Array(a.length);
      for (var k = 0; k < a.length; k++) f[k] = a[k] / v.s;
      return f;
    }
    function texts(v) {  // [joined, lengths] -> the strings
      var lengths = col(v[1]), out = new Array(lengths.length), at = 0;
      for (var k = 0; k < lengths.length; k++) { out[k] = v[0].slice(at, at + lengths[k]); at += lengths[k]; }
      return out;
    }
    var n = D.n, N = { nm: texts(n.nm), nl: n.nl, lb: n.lb }, k;
    ["x", "y", "z", "c", "co", "po", "na", "li"].forEach(function (key) { N[key] = col(n[key]); });
    if (n.di) {  // ids as differences from the one before
      var di = col(n.di); N.id = new Float64Array(di.length);
      for (k = 0; k < di.length; k++) N.id[k] = (k ? N.id[k - 1] : 0) + di[k];
    } else N.id = n.id;
    var f = col(n.f);  // ring * 16 + health * 2 + bridge
    N.r = new Int32Array(f.length); N.h = new Uint8Array(f.length); N.b = [];
    for (k = 0; k < f.length; k++) { N.r[k] = f[k] >> 4; N.h[k] = (f[k] >> 1) & 7; if (f[k] & 1) N.b.push(N.id[k]); }
    if (n.tg) {
      var counts = col(n.tg[0]), flat = col(n.tg[1]), none = [], at = 0;
      N.tg = new Array(counts.length);
      for (k = 0; k < counts.length; k++) { N.tg[k] = counts[k] ? Array.prototype.slice.call(flat, at, at + counts[k]) : none; at += counts[k]; }
    }
    return { meta: D.meta, rings: D.rings, sectors: D.sectors, strings: D.strings, n: N,
      e: { a: col(D.e.a), b: col(D.e.b), w: col(D.e.w) } };
  }
  // vis-network's CSS and JS, and the numbers, inflated; vis inserted (its CSS before ours), then drawn
  Promise.all([inflate(document.getElementById("netlib-vis").textContent).text(), inflate(document.getElementById("netlib-numbers").textContent).arrayBuffer()])
    .then(function (got) {
      var text = got[0], cut = text.indexOf("\0"), css = document.createElement("style"), js = document.createElement("script");
      css.textContent = text.slice(0, cut);
      document.head.insertBefore(css, document.getElementById("netlib-style"));
      js.textContent = text.slice(cut + 1);
      document.head.appendChild(js);
      start(decode(D, got[1]));
    }).catch(function (err) {
      document.getElementById("status").textContent = "The map could not be drawn here: " + err;
      throw err;
    });

function start(D) {
  var M = D.meta, N = D.n, E = D.e, S = D.strings;
  var count = N.id.length, i;
  var LABEL_RINGS = M.labelRings;
  var asOf = Date.parse(M.asOf + "T00:00:00Z");
  var index = new Map();
  var bridges = new Set(N.b || []);

  function darker(hex, f) {
    var n = parseInt(hex.slice(1), 16);
    var r = Math.round(((n >> 16) & 255) * f), g = Math.round(((n >> 8) & 255) * f), b = Math.round((n & 255) * f);
    return "rgb(" + r + "," + g + "," + b + ")";
  }
  var COLORS = M.palette.map(function (c) {
    return { background: c, border: darker(c, 0.78), highlight: { background: c, border: "#1b1b1b" }, hover: { background: c, border: "#1b1b1b" } };
  });
  var BRIDGE_COLORS = M.palette.map(function (c) {
    return { background: c, border: "#1f1f1f", highlight: { background: c, border: "#000" }, hover: { background: c, border: "#000" } };
  });
  var FACE = M.fontFace, LF = M.labelFont;
  var FONTS = { 1: { size: LF[1], color: "#1f2130", face: FACE }, 2: { size: LF[2], color: "#2b2d42", face: FACE },
    3: { size: LF[3], color: "#4a4d5c", face: FACE } };
  // ring 3 names appear once readable (vis hides a label below drawThreshold - 1 screen px)
  var RING3_SCALING = { label: { enabled: false, drawThreshold: M.ring3MinPx + 1 } };
  var noLabel = new Set(N.nl || []);  // their label would land on another's: shown when selected
  var special = new Map();  // labels shortened to fit, or drawn over their dot: id -> [text, vadjust]
  (N.lb || []).forEach(function (l) { special.set(l[0], [l[1], l[2]]); });
  function labelFont(id, ring) {
    var l = special.get(id);
    return l && l[1] ? Object.assign({ vadjust: l[1] }, FONTS[ring]) : FONTS[ring];
  }

  // vis-network draws "you" and the inner rings (at most M.visCap people); the crowd of the
  // outer rings is painted on the same canvas below them, which keeps 30,000 people fast.
  var isVis = new Uint8Array(count), inner = [];
  for (i = 0; i < count; i++) { index.set(N.id[i], i); if (N.r[i] <= M.visRings) inner.push(i); }
  if (inner.length > M.visCap) inner.sort(function (a, b) { return N.r[a] - N.r[b] || N.z[b] - N.z[a]; }).length = M.visCap;
  inner.forEach(function (k) { isVis[k] = 1; });
  function visNode(k) {
    var id = N.id[k], ring = N.r[k], isBridge = bridges.has(id);
    var o = { id: id, x: N.x[k], y: N.y[k], size: N.z[k], color: (isBridge ? BRIDGE_COLORS : COLORS)[N.h[k]] };
    if (ring <= LABEL_RINGS && !noLabel.has(id)) {
      o.label = (special.has(id) && special.get(id)[0]) || N.nm[k]; o.font = labelFont(id, ring);
      if (ring === 3) o.scaling = RING3_SCALING;
    }
    if (isBridge) o.borderWidth = ring <= LABEL_RINGS ? 3 : 1.5;
    return o;
  }
  var arr = [{ id: "you", x: 0, y: 0, size: 20, label: M.you, borderWidth: 3,
    color: { background: "#2B2D42", border: "#ffffff", highlight: { background: "#2B2D42", border: "#000" } },
    font: { size: LF[0], color: "#2B2D42", strokeWidth: 5, face: FACE, bold: { face: FACE } } }];
  inner.forEach(function (k) { arr.push(visNode(k)); });
  // ties: between two vis nodes -> vis edges (they highlight on select); others are painted
  var adj = new Map(), earr = [], painted = [];
  function link(a, b) { var l = adj.get(a); if (!l) adj.set(a, l = []); l.push(b); }
  for (i = 0; i < E.a.length; i++) {
    var ka = index.get(E.a[i]), kb = index.get(E.b[i]);
    link(E.a[i], E.b[i]); link(E.b[i], E.a[i]);
    if (isVis[ka] && isVis[kb]) earr.push({ id: i, from: E.a[i], to: E.b[i], width: 0.4 + 1.4 * E.w[i] });
    else painted.push(i);
  }

  var nodes = new vis.DataSet(arr), edges = new vis.DataSet(earr);
  var container = document.getElementById("map");
  var options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 0 },
    physics: M.physics ? { enabled: true, stabilization: { iterations: 150, fit: true } } : false,
    nodes: { shape: "dot", borderWidth: 1, borderWidthSelected: 3, shadow: false,
      scaling: { label: { enabled: false, drawThreshold: 3 } },
      font: { size: 12, face: FACE, color: "#2b2d42",
              strokeWidth: 3, strokeColor: "rgba(251,250,247,0.92)" } },
    edges: { smooth: false, shadow: false, selectionWidth: 1.2,
      color: { color: "rgba(70,80,100,0.2)", highlight: "rgba(30,35,50,0.75)", hover: "rgba(30,35,50,0.5)", inherit: false } },
    interaction: { hideEdgesOnDrag: true, tooltipDelay: 100, hover: false,
      multiselect: false, navigationButtons: false, keyboard: false }
  };
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  var outerMost = D.rings.length ? D.rings[D.rings.length - 1][2] : 100;
  var sectorPx = Math.max(15, Math.round(outerMost / 38)), sectorFont = "600 " + sectorPx + "px " + FACE;
  var sectorLabels = [], labelR = outerMost + 26;  // [text, x, y, align, baseline] of each sector's name
  D.sectors.forEach(function (s) {
    var mid = (s[1] + s[2]) / 2;
    if (s[2] - s[1] < 0.12 && D.sectors.length > 1) return;
    sectorLabels.push([s[3], Math.cos(mid) * labelR, Math.sin(mid) * labelR,
      Math.abs(Math.cos(mid)) < 0.25 ? "center" : (Math.cos(mid) > 0 ? "left" : "right"),
      Math.sin(mid) > 0.5 ? "top" : (Math.sin(mid) < -0.5 ? "bottom" : "middle")]);
  });
  function extent() {  // the drawing's bounding box in canvas units: the rings and every sector name
    var r = outerMost + 14, box = [-r, -r, r, r], m = document.createElement("canvas").getContext("2d");
    m.font = sectorFont;
    sectorLabels.forEach(function (L) {
      var w = m.measureText(L[0]).width, h = sectorPx * 1.3;
      var x0 = L[3] === "center" ? L[1] - w / 2 : (L[3] === "left" ? L[1] : L[1] - w);
      var y0 = L[4] === "top" ? L[2] : (L[4] === "bottom" ? L[2] - h : L[2] - h / 2);
      box = [Math.min(box[0], x0), Math.min(box[1], y0), Math.max(box[2], x0 + w), Math.max(box[3], y0 + h)];
    });
    return box;
  }
  var bounds = null;
  function fitAll() {  // vis only knows its own nodes: fit the whole garden, sector names included
    var w = container.clientWidth || 800, h = container.clientHeight || 600, pad = 12;
    var b = bounds || (bounds = extent());
    network.moveTo({ position: { x: (b[0] + b[2]) / 2, y: (b[1] + b[3]) / 2 },
      scale: Math.min((w - 2 * pad) / (b[2] - b[0]), (h - 2 * pad) / (b[3] - b[1])) });
  }
  fitAll();

  // ------------------------------------------------------------ the painted crowd, as Path2D per colour
  var hidden = new Uint8Array(count), promoted = new Uint8Array(count);
  var crowdPaths = [], bridgePath = null, tiePath = null, dragging = false;
  function rebuildPaint() {
    crowdPaths = M.palette.map(function () { return new Path2D(); });
    bridgePath = new Path2D(); tiePath = new Path2D();
    for (var k = 0; k < count; k++) {
      if (isVis[k] || promoted[k] || hidden[k]) continue;
      var x = N.x[k], y = N.y[k], s = N.z[k], p = crowdPaths[N.h[k]];
      p.moveTo(x + s, y); p.arc(x, y, s, 0, 2 * Math.PI);
      if (bridges.has(N.id[k])) { bridgePath.moveTo(x + s, y); bridgePath.arc(x, y, s, 0, 2 * Math.PI); }
    }
    for (var t = 0; t < painted.length; t++) {
      var a = index.get(E.a[painted[t]]), b = index.get(E.b[painted[t]]);
      if (hidden[a] || hidden[b]) continue;
      tiePath.moveTo(N.x[a], N.y[a]); tiePath.lineTo(N.x[b], N.y[b]);
    }
  }
  network.on("dragStart", function () { dragging = true; });
  network.on("dragEnd", function () { dragging = false; });

  // ------------------------------------------------------------ rings and sectors behind the dots
  network.on("beforeDrawing", function (ctx) {
    ctx.save();
    var k, r;
    for (k = D.rings.length - 1; k >= 0; k--) {
      r = D.rings[k];
      ctx.beginPath();
      ctx.arc(0, 0, r[2] + 4, 0, 2 * Math.PI);
      ctx.arc(0, 0, Math.max(r[1] - 4, 0), 0, 2 * Math.PI, true);
      ctx.fillStyle = r[0] % 2 ? "rgba(232,228,214,0.55)" : "rgba(240,237,227,0.35)";
      ctx.fill();
    }
    ctx.strokeStyle = "rgba(150,140,115,0.3)";
    ctx.lineWidth = 1.2;
    if (D.sectors.length > 1) {
      for (k = 0; k < D.sectors.length; k++) {
        var a = D.sectors[k][1] - 0.004;
        ctx.beginPath();
        ctx.moveTo(Math.cos(a) * 40, Math.sin(a) * 40);
        ctx.lineTo(Math.cos(a) * (outerMost + 12), Math.sin(a) * (outerMost + 12));
        ctx.stroke();
      }
    }
    ctx.font = "600 13px " + FACE;
    ctx.fillStyle = "rgba(120,110,90,0.85)";
    ctx.textAlign = "center";
    for (k = 0; k < D.rings.length; k++) {
      r = D.rings[k];
      ctx.fillText(String(r[0]), 0, -(r[1] + r[2]) / 2 + 5);
    }
    ctx.font = sectorFont;
    ctx.fillStyle = "rgba(70,72,90,0.85)";
    for (k = 0; k < sectorLabels.length; k++) {
      var L = sectorLabels[k];
      ctx.textAlign = L[3]; ctx.textBaseline = L[4];
      ctx.fillText(L[0], L[1], L[2]);
    }
    // the crowd: ties first, then dots, then bridge borders
    if (!dragging) { ctx.strokeStyle = "rgba(70,80,100,0.13)"; ctx.lineWidth = 0.6; ctx.stroke(tiePath); }
    for (k = 0; k < crowdPaths.length; k++) { ctx.fillStyle = M.palette[k]; ctx.fill(crowdPaths[k]); }
    ctx.strokeStyle = "#1f1f1f"; ctx.lineWidth = 1.2; ctx.stroke(bridgePath);
    ctx.restore();
  });
  rebuildPaint();

  network.once("afterDrawing", function () {
    document.body.dataset.drawn = "1";
    window.netlibDrawnAt = performance.now();
  });

  // ------------------------------------------------------------ tooltips: plain text, built lazily
  function line(parent, text, cls) {
    var el = document.createElement("div");
    el.textContent = text;
    if (cls) el.className = cls;
    parent.appendChild(el);
    return el;
  }
  function ringName(r) {
    for (var k = 0; k < D.rings.length; k++) if (D.rings[k][0] === r) return D.rings[k][3];
    return "";
  }
  function tooltip(id) {
    var el = document.createElement("div");
    if (id === "you") { line(el, M.you, "tip-name"); line(el, "the centre of your garden", "tip-muted"); return el; }
    var k = index.get(id);
    line(el, N.nm[k], "tip-name");
    var job = [S[N.po[k]], S[N.co[k]]].filter(Boolean).join(" \u00b7 ");
    if (job) line(el, job);
    line(el, "Ring " + N.r[k] + " \u00b7 " + ringName(N.r[k]) + " \u00b7 " + M.health[N.h[k]], "tip-muted");
    var d = N.li[k];
    line(el, d < 0 ? "No interaction yet" : "Last interaction: " + new Date(asOf - d * 86400000).toISOString().slice(0, 10) +
      " (" + (d === 0 ? "today" : d === 1 ? "yesterday" : d + " days ago") + ")");
    if (N.tg && N.tg[k].length) line(el, "Tags: " + N.tg[k].map(function (t) { return S[t]; }).join(", "), "tip-muted");
    if (bridges.has(id)) line(el, "Bridge between clusters", "tip-muted");
    if (S[N.na[k]]) line(el, "Next: " + S[N.na[k]], "tip-next");
    return el;
  }
  // hit-testing the painted crowd with a coarse grid, built on first use
  var grid = null, CELL = 24;
  function crowdAt(pos) {
    if (!grid) {
      grid = new Map();
      for (var k = 0; k < count; k++) {
        if (isVis[k]) continue;
        var key = Math.floor(N.x[k] / CELL) * 65536 + Math.floor(N.y[k] / CELL);
        var cell = grid.get(key); if (!cell) grid.set(key, cell = []); cell.push(k);
      }
    }
    var best, bestD = Infinity, cx = Math.floor(pos.x / CELL), cy = Math.floor(pos.y / CELL), slack = 4 / network.getScale();
    for (var dx = -1; dx <= 1; dx++) for (var dy = -1; dy <= 1; dy++) {
      var c = grid.get((cx + dx) * 65536 + cy + dy) || [];
      for (var j = 0; j < c.length; j++) {
        var q = c[j]; if (hidden[q] || promoted[q]) continue;
        var dd = Math.hypot(N.x[q] - pos.x, N.y[q] - pos.y);
        if (dd <= N.z[q] + slack && dd < bestD) { bestD = dd; best = q; }
      }
    }
    return best;
  }
  var tip = document.createElement("div");
  tip.className = "vis-tooltip";
  document.getElementById("stage").appendChild(tip);
  var titled = new Set(), pending = 0, lastX = 0, lastY = 0;
  container.addEventListener("mousemove", function (ev) {
    lastX = ev.clientX; lastY = ev.clientY;
    if (pending) return;
    pending = requestAnimationFrame(function () {
      pending = 0;
      var box = container.getBoundingClientRect(), dom = { x: lastX - box.left, y: lastY - box.top };
      var id = network.getNodeAt(dom);
      tip.style.visibility = "hidden";
      if (id === undefined) {
        var k = crowdAt(network.DOMtoCanvas(dom));
        if (k === undefined) return;
        tip.textContent = "";
        tip.appendChild(tooltip(N.id[k]));
        tip.style.left = Math.min(dom.x + 12, box.width - 260) + "px";
        tip.style.top = Math.min(dom.y + 12, box.height - 120) + "px";
        tip.style.visibility = "visible";
        return;
      }
      if (titled.has(id)) return;
      titled.add(id);
      nodes.update({ id: id, title: tooltip(id) });
    });
  });
  container.addEventListener("mouseleave", function () { tip.style.visibility = "hidden"; });

  // ------------------------------------------------------------ filters and focus mode
  var state = { rings: new Set(), health: new Set(), tag: "", cluster: "", focus: null };
  var status = document.getElementById("status");
  var tagRef = new Map();
  S.forEach(function (s, k) { tagRef.set(s, k); });

  function promote(k) {  // a painted person becomes a vis node, so vis can select and focus them
    if (isVis[k] || promoted[k]) return;
    promoted[k] = 1;
    var o = visNode(k);
    o.hidden = !!hidden[k];
    nodes.add(o);
    rebuildPaint();
  }
  function readControls() {
    state.rings = new Set(); state.health = new Set();
    document.querySelectorAll("#f-ring input:checked").forEach(function (el) { state.rings.add(+el.value); });
    document.querySelectorAll("#f-health input:checked").forEach(function (el) { state.health.add(+el.value); });
    state.tag = document.getElementById("f-tag").value;
    state.cluster = document.getElementById("f-cluster").value;
  }
  function shown(k) {
    if (!state.rings.has(N.r[k]) || !state.health.has(N.h[k])) return false;
    if (state.cluster !== "" && N.c[k] !== +state.cluster) return false;
    if (state.tag !== "") { var t = tagRef.get(state.tag); if (!N.tg || N.tg[k].indexOf(t) < 0) return false; }
    if (state.focus && !state.focus.has(N.id[k])) return false;
    return true;
  }
  function apply() {
    var updates = [], visible = 0;
    for (var k = 0; k < count; k++) {
      var show = shown(k);
      if (show) visible++;
      if (show === !!hidden[k]) {
        hidden[k] = show ? 0 : 1;
        if (isVis[k] || promoted[k]) updates.push({ id: N.id[k], hidden: !show });
      }
    }
    rebuildPaint();
    if (updates.length) nodes.update(updates); else network.redraw();
    status.textContent = visible + " of " + count + " people shown" + (state.focus ? " \u00b7 focus mode" : "");
    return visible;
  }
  function reveal(id) {  // a selected person shows their name, even where it had no room
    var k = index.get(id);
    if (k === undefined || (N.r[k] <= LABEL_RINGS && !noLabel.has(id))) return;
    noLabel.delete(id);
    nodes.update({ id: id, label: N.nm[k], font: FONTS[Math.min(N.r[k], LABEL_RINGS)] });
  }
  function focusOn(id) {
    if (id === "you") { state.focus = null; apply(); return; }
    reveal(id);
    state.focus = new Set(adj.get(id) || []);
    state.focus.add(id);
    apply();
    network.selectNodes([id]);
  }
  function reset() {
    document.querySelectorAll("#panel input[type=checkbox]").forEach(function (el) { el.checked = true; });
    document.getElementById("f-tag").value = "";
    document.getElementById("f-cluster").value = "";
    state.focus = null;
    readControls();
    apply();
    network.unselectAll();
    fitAll();
  }
  document.querySelectorAll("#panel input[type=checkbox], #panel select").forEach(function (el) {
    el.addEventListener("change", function () { readControls(); apply(); });
  });
  document.getElementById("reset").addEventListener("click", reset);
  network.on("click", function (p) {
    if (p.nodes.length) { focusOn(p.nodes[0]); return; }
    var k = crowdAt(p.pointer.canvas);
    if (k !== undefined) { promote(k); focusOn(N.id[k]); }
  });

  // ------------------------------------------------------------ search: a keyboard-friendly list
  var q = document.getElementById("q"), hits = document.getElementById("hits");
  var lower = null, matches = [], active = -1;
  function choose(k) {
    if (k === undefined || k < 0) return false;
    if (hidden[k]) reset();
    promote(k);
    var id = N.id[k];
    reveal(id);
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.3), animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    q.value = N.nm[k];
    closeHits();
    status.textContent = N.nm[k] + " \u00b7 ring " + N.r[k] + " \u00b7 " + M.health[N.h[k]];
    return true;
  }
  function closeHits() { hits.hidden = true; q.setAttribute("aria-expanded", "false"); active = -1; }
  function search(text) {
    if (!lower) lower = N.nm.map(function (s) { return s.toLowerCase(); });
    var t = text.trim().toLowerCase(), first = [], rest = [];
    if (!t) return [];
    for (var k = 0; k < count && first.length < 12; k++) {
      var at = lower[k].indexOf(t);
      if (at === 0 || (at > 0 && lower[k].charAt(at - 1) === " ")) first.push(k);
      else if (at > 0 && rest.length < 12) rest.push(k);
    }
    return first.concat(rest).slice(0, 12);
  }
  function showHits() {
    hits.textContent = "";
    matches.forEach(function (k, n) {
      var li = document.createElement("li");
      li.id = "hit-" + n;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", n === active ? "true" : "false");
      li.textContent = N.nm[k];
      var c = document.createElement("span");
      c.className = "count";
      c.textContent = "ring " + N.r[k];
      li.appendChild(c);
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(k); });
      hits.appendChild(li);
    });
    hits.hidden = matches.length === 0;
    q.setAttribute("aria-expanded", matches.length ? "true" : "false");
    if (active >= 0) q.setAttribute("aria-activedescendant", "hit-" + active); else q.removeAttribute("aria-activedescendant");
  }
  q.addEventListener("input", function () { matches = search(q.value); active = matches.length ? 0 : -1; showHits(); });
  q.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" && matches.length) { active = (active + 1) % matches.length; showHits(); ev.preventDefault(); }
    else if (ev.key === "ArrowUp" && matches.length) { active = (active - 1 + matches.length) % matches.length; showHits(); ev.preventDefault(); }
    else if (ev.key === "Enter") { if (!matches.length) matches = search(q.value); choose(matches[Math.max(active, 0)]); ev.preventDefault(); }
    else if (ev.key === "Escape") closeHits();
  });
  q.addEventListener("blur", function () { setTimeout(closeHits, 150); });

  // the legend starts closed when it would push the controls out of sight
  var panel = document.getElementById("panel"), legend = document.getElementById("legend");
  if (panel.scrollHeight > panel.clientHeight + 1) legend.open = false;

  readControls();
  window.netlib = {
    network: network, nodes: nodes, edges: edges, reset: reset, focusOn: focusOn, apply: apply, data: D,
    find: function (name) { var m = search(name); return choose(m[0]) ? N.id[m[0]] : null; },
    visibleCount: function () { var v = 0; for (var k = 0; k < count; k++) if (!hidden[k]) v++; return v; }
  };
  window.netlibNetwork = network;
}
})();
