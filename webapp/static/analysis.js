// Network views (cytoscape.js) and indicator/report charts (Chart.js).
// Data comes from JSON blocks in the page or from the data-src endpoint (the CSP forbids
// inline scripts); every picture has a table or a link to one for readers without JavaScript.
// Drawn pictures are kept in window.fazhiAnalysis so tests and the console can inspect them.
(function () {
  "use strict";
  if (window.fazhiAnalysis) { return; }  // partials may load this file more than once
  var registry = window.fazhiAnalysis = { networks: {}, charts: {} };
  var COLOURS = { Report: "#8b1a1a", Organization: "#2e7d32", GovernmentDocument: "#1565c0",
    Indicator: "#e0a800", Measure: "#6a1b9a", Year: "#555555", Area: "#00838f" };

  function load(el) {
    var block = el.querySelector("script.fz-chart-data");
    if (block) { return Promise.resolve(JSON.parse(block.textContent)); }
    return fetch(el.getAttribute("data-src"), { headers: { Accept: "application/json" } })
      .then(function (r) {
        if (r.status === 503) {  // still being computed: ask again
          return new Promise(function (ok) { setTimeout(ok, 3000); }).then(function () { return load(el); });
        }
        if (!r.ok) { throw new Error(r.status + " " + r.statusText); }
        return r.json();
      });
  }

  function fail(el, err) {
    var note = document.createElement("p");
    note.className = "note";
    note.textContent = "图无法绘制 The picture could not be drawn: " + err.message;
    el.parentNode.insertBefore(note, el.nextSibling);
  }

  // ------------------------------------------------------------------ networks
  function egoElements(ego) {
    var nodes = [{ data: { id: ego.iri, label: ego.label, type: ego.type, degree: ego.degree, url: ego.url, ego: 1 } }];
    var edges = [];
    ego.neighbours.forEach(function (n, i) {
      nodes.push({ data: { id: n.iri, label: n.label, type: n.type, degree: n.degree, url: n.url } });
      n.edges.forEach(function (e, j) {
        var out = e.direction === "out";
        edges.push({ data: { id: "e" + i + "-" + j, source: out ? ego.iri : n.iri,
          target: out ? n.iri : ego.iri, type: e.type, weight: e.weight } });
      });
    });
    return { nodes: nodes, edges: edges };
  }

  function claimCytoscapeStylesheet() {
    // cytoscape.js adds a <style> element for its container unless an element with this id
    // exists; the CSP blocks inline styles, so analysis.css carries the rule and this marks it.
    var id = "__________cytoscape_stylesheet";
    if (!document.getElementById(id)) {
      var marker = document.createElement("meta");
      marker.id = id;
      document.head.appendChild(marker);
    }
  }

  function drawNetwork(el, data) {
    claimCytoscapeStylesheet();
    var kind = el.getAttribute("data-kind");
    var elements = kind === "ego" ? egoElements(data) : data.elements;
    el.hidden = false;
    var maxDegree = Math.max.apply(null, elements.nodes.map(function (n) { return n.data.degree || 1; }).concat([1]));
    var cy = window.cytoscape({
      container: el,
      elements: elements,
      layout: { name: kind === "ego" ? "concentric" : "cose", animate: false, randomize: false,
        concentric: function (n) { return n.data("ego") ? 2 : 1; }, levelWidth: function () { return 1; } },
      style: [
        { selector: "node", style: {
          "background-color": function (n) { return COLOURS[n.data("type")] || "#999"; },
          "label": "data(label)", "font-size": 9, "text-wrap": "ellipsis", "text-max-width": 90,
          "width": function (n) { return 8 + 28 * Math.sqrt((n.data("degree") || 1) / maxDegree); },
          "height": function (n) { return 8 + 28 * Math.sqrt((n.data("degree") || 1) / maxDegree); } } },
        { selector: "edge", style: { "width": 1, "line-color": "#ccc", "curve-style": "haystack", "opacity": 0.7 } },
        { selector: "node[?ego]", style: { "border-width": 3, "border-color": "#000" } }
      ],
      minZoom: 0.1, maxZoom: 4
    });
    cy.on("tap", "node", function (evt) {
      var url = evt.target.data("url");
      if (url) { window.location.assign(url); }
    });
    registry.networks[el.id || "network-" + Object.keys(registry.networks).length] = cy;
    var legend = document.querySelector(".fz-legend[hidden]");
    if (legend) { legend.hidden = false; }
    el.setAttribute("data-drawn", String(cy.nodes().length));
  }

  // ------------------------------------------------------------------ charts
  function tooltipLabel(ctx) {
    var mark = ctx.raw && ctx.raw.mark;
    return mark ? mark.label + ": " + mark.display : String(ctx.formattedValue);
  }

  function openMark(chart) {
    return function (evt, active) {
      if (!active.length) { return; }
      var hit = active[0];
      var raw = chart().data.datasets[hit.datasetIndex].data[hit.index];
      if (raw && raw.mark && raw.mark.url) { window.location.assign(raw.mark.url); }
    };
  }

  function lineChart(canvas, spec) {
    var chart;
    var datasets = spec.series.map(function (s, i) {
      return {
        label: s.label,
        data: s.points.map(function (p) { return { x: String(p.year), y: p.value, mark: p }; }),
        pointStyle: s.points.map(function (p) { return p.style; }),
        pointRadius: 5, borderWidth: 1.5,
        borderColor: "hsl(" + (i * 47 % 360) + ",60%,40%)", backgroundColor: "hsl(" + (i * 47 % 360) + ",60%,40%)"
      };
    });
    chart = new window.Chart(canvas, {
      type: "line",
      data: { labels: spec.years.map(String), datasets: datasets },
      options: { responsive: true, maintainAspectRatio: false, animation: false, onClick: openMark(function () { return chart; }),
        plugins: { tooltip: { callbacks: { label: tooltipLabel } }, legend: { position: "bottom", labels: { usePointStyle: true } } },
        scales: { y: { beginAtZero: true, title: { display: !!spec.unit, text: spec.unit } }, x: { title: { display: true, text: "年度 year" } } } }
    });
    return chart;
  }

  function barChart(canvas, spec) {
    var chart;
    var items = spec.bars.items;
    chart = new window.Chart(canvas, {
      type: "bar",
      data: { labels: items.map(function (p) { return p.label; }),
        datasets: [{ label: spec.label + " " + (spec.bars.year || ""),
          data: items.map(function (p) { return { x: p.label, y: p.value, mark: p }; }),
          backgroundColor: items.map(function (p) { return p.qualifier === "exact" ? "#8b1a1a" : "#d9a0a0"; }) }] },
      options: { responsive: true, maintainAspectRatio: false, animation: false, onClick: openMark(function () { return chart; }),
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: tooltipLabel } } },
        scales: { y: { title: { display: !!spec.unit, text: spec.unit } } } }
    });
    return chart;
  }

  function themeChart(canvas, data) {
    return new window.Chart(canvas, {
      type: "bar",
      data: { labels: data.themes.map(function (t) { return t.label; }),
        datasets: [{ label: "数据 figures", data: data.themes.map(function (t) { return t.count; }), backgroundColor: "#8b1a1a" }] },
      options: { indexAxis: "y", responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: false } } }
    });
  }

  function drawChart(el, data) {
    var kind = el.getAttribute("data-kind");
    var spec = kind === "indicator" && data.chart ? data.chart : data;
    var drawn = {};
    el.hidden = false;
    if (kind === "report") {
      drawn.themes = themeChart(el.querySelector("canvas.fz-themes"), spec);
    } else {
      drawn.line = lineChart(el.querySelector("canvas.fz-line"), spec);
      drawn.bar = barChart(el.querySelector("canvas.fz-bar"), spec);
    }
    registry.charts[el.id || "chart-" + Object.keys(registry.charts).length] = drawn;
    el.setAttribute("data-drawn", "1");
  }

  function start() {
    if (window.cytoscape) {
      document.querySelectorAll(".fz-network[data-src]").forEach(function (el) {
        load(el).then(function (data) { drawNetwork(el, data); }, function (err) { fail(el, err); });
      });
    }
    if (window.Chart) {
      document.querySelectorAll(".fz-chart").forEach(function (el) {
        load(el).then(function (data) { drawChart(el, data); }, function (err) { fail(el, err); });
      });
    }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
