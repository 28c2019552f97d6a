// Search-box autocomplete: fills the <datalist> from /search/suggest as the user types.
// The page works without it (the form submits to /search); no inline script is needed.
(function () {
  "use strict";
  var timer = null;

  function fill(list, suggestions) {
    while (list.firstChild) list.removeChild(list.firstChild);
    suggestions.forEach(function (s) {
      var option = document.createElement("option");
      option.value = s.label;
      option.label = s.kind;
      list.appendChild(option);
    });
  }

  function ask(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var q = input.value.trim();
    if (!list || !q) return;
    fetch(input.dataset.suggest + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (data) { if (input.value.trim() === q) fill(list, data.suggestions || []); })
      .catch(function () { /* offline or server busy: plain search still works */ });
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.dataset || !input.dataset.suggest) return;
    clearTimeout(timer);
    timer = setTimeout(function () { ask(input); }, 150);
  });
})();
