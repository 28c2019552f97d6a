// The SPARQL editor: YASGUI over the plain form, with the dataset's prefixes, autocompletion
// of the ontology's classes and properties, example queries and a truncation notice.
// Settings come from the page's JSON block (the CSP forbids inline scripts).
(function () {
  "use strict";
  var Yasgui = window.Yasgui;
  var holder = document.getElementById("yasgui");
  var settingsEl = document.getElementById("sparql-settings");
  if (!Yasgui || !holder || !settingsEl) { return; }  // no editor: the plain form stays
  var settings = JSON.parse(settingsEl.textContent);
  var Yasqe = Yasgui.Yasqe;

  function prefixBlock(prefixes) {
    return Object.keys(prefixes).map(function (p) {
      return "PREFIX " + p + ": <" + prefixes[p] + ">";
    }).join("\n");
  }

  function registerTerms(terms) {
    // The stock class/property completers ask a remote vocabulary service; ours list the
    // terms this dataset uses and declares, served by /sparql/terms.json.
    [["class", "fazhiClasses", terms.classes], ["property", "fazhiProperties", terms.properties]]
      .forEach(function (entry) {
        var stock = Yasqe.Autocompleters[entry[0]];
        var list = entry[2].map(function (t) { return t.iri; });
        Yasqe.registerAutocompleter(Object.assign({}, stock, {
          name: entry[1], bulk: true, persistenceId: null,
          get: function () { return list; }
        }));
      });
    Yasqe.defaults.autocompleters = ["prefixes", "variables", "fazhiClasses", "fazhiProperties"];
  }

  function shareLink(yasqe) {
    return location.origin + settings.endpoint + "?query=" + encodeURIComponent(yasqe.getValue());
  }

  function showTruncation(response) {
    var header = response && response.headers ? (response.headers["x-fazhi-truncated"] || "") : "";
    document.getElementById("sparql-truncated").hidden = header !== "true";
  }

  function start(terms) {
    registerTerms(terms);
    var fromUrl = new URLSearchParams(location.search).get("query");
    var initial = fromUrl || document.getElementById("sparql-query").value ||
      prefixBlock(settings.prefixes) + "\n\nSELECT * WHERE { ?s ?p ?o } LIMIT 10";
    holder.hidden = false;  // CodeMirror measures its box: show it before building it
    document.documentElement.classList.add("js");
    var yasgui = new Yasgui(holder, {
      requestConfig: { endpoint: settings.endpoint, method: "POST",
                       acceptHeaderSelect: "application/sparql-results+json",
                       acceptHeaderGraph: "text/turtle" },
      copyEndpointOnNewTab: false,
      endpointCatalogueOptions: { getData: function () { return [{ endpoint: settings.endpoint }]; } },
      persistenceId: "fazhi-sparql",
      populateFromUrl: false,
      yasqe: { value: initial, createShareableLink: shareLink, resizeable: true }
    });
    var tab = yasgui.getTab();
    if (fromUrl) { tab.setQuery(fromUrl); }
    yasgui.on("queryResponse", function (_y, _tab, response) { showTruncation(response); });
    wireExamples(yasgui);
    return yasgui;
  }

  function wireExamples(yasgui) {
    var byName = {};
    settings.examples.forEach(function (e) { byName[e.name] = e; });
    document.querySelectorAll("a.sparql-example").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var found = byName[link.dataset.name];
        if (!found) { return; }
        event.preventDefault();
        var tab = yasgui.addTab(true, { name: found.title_zh });
        yasgui.getTab(tab).setQuery(found.query);
        holder.scrollIntoView();
      });
    });
  }

  fetch(settings.terms, { headers: { Accept: "application/json" } })
    .then(function (r) { return r.ok ? r.json() : { classes: [], properties: [] }; })
    .catch(function () { return { classes: [], properties: [] }; })
    .then(start);
})();
