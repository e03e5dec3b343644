// dossier search client: reads the chunked index under search/ (see src/render/search.rs).
// Works under any subpath: every URL is relative to this page's data-root.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !results) return;
  var root = document.documentElement.getAttribute("data-root") || "";
  var cache = {};
  function getJSON(path) {
    if (!cache[path]) {
      cache[path] = fetch(root + path).then(function (r) { return r.ok ? r.json() : {}; });
    }
    return cache[path];
  }
  function fold(s) {
    return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function terms(q) {
    return fold(q).split(/[^a-z0-9]+/).filter(function (t) { return t.length >= 2; });
  }
  function option(select, value, label) {
    var o = document.createElement("option");
    o.value = value; o.textContent = label; select.appendChild(o);
  }
  var params = new URLSearchParams(location.search);
  getJSON("search/meta.json").then(function (meta) {
    var fill = [["topic", meta.topics.map(function (t) { return [t[0], t[1]]; })],
                ["author", meta.authors.map(function (a) { return [a, a]; })],
                ["publication", meta.publications.map(function (p) { return [p, p]; })],
                ["year", meta.years.map(function (y) { return [String(y), String(y)]; })]];
    fill.forEach(function (f) {
      var sel = form.elements[f[0]];
      f[1].forEach(function (v) { option(sel, v[0], v[1]); });
      if (params.get(f[0])) sel.value = params.get(f[0]);
    });
    form.elements.q.value = params.get("q") || "";
    run(meta);
    form.addEventListener("change", function () { run(meta); });
    form.addEventListener("submit", function (e) { e.preventDefault(); run(meta); });
  });
  function docsFor(ids, meta) {
    var chunks = {};
    ids.forEach(function (id) { chunks[Math.floor(id / meta.chunk)] = true; });
    return Promise.all(Object.keys(chunks).map(function (c) { return getJSON("search/docs/" + c + ".json"); }))
      .then(function (lists) {
        var byId = {};
        lists.forEach(function (l) { (l || []).forEach(function (d) { byId[d.id] = d; }); });
        return ids.map(function (id) { return byId[id]; }).filter(Boolean);
      });
  }
  function run(meta) {
    var q = form.elements.q.value;
    var want = { topic: form.elements.topic.value, author: form.elements.author.value,
                 publication: form.elements.publication.value, year: form.elements.year.value };
    var url = new URL(location.href);
    ["q", "topic", "author", "publication", "year"].forEach(function (k) {
      var v = k === "q" ? q : want[k];
      if (v) url.searchParams.set(k, v); else url.searchParams.delete(k);
    });
    history.replaceState(null, "", url);
    var ts = terms(q);
    if (!ts.length) { results.innerHTML = ""; status.textContent = "Type a word to search."; return; }
    Promise.all(ts.map(function (t) {
      return getJSON("search/terms/" + t.slice(0, 2) + ".json").then(function (shard) {
        // The last word may be unfinished: match every term it starts.
        var ids = {};
        Object.keys(shard || {}).forEach(function (k) {
          if (k === t || (t === ts[ts.length - 1] && k.indexOf(t) === 0)) {
            shard[k].forEach(function (id, rank) { ids[id] = Math.max(ids[id] || 0, 1 / (rank + 1)); });
          }
        });
        return ids;
      });
    })).then(function (sets) {
      var score = sets[0];
      sets.slice(1).forEach(function (s) {
        Object.keys(score).forEach(function (id) { if (!(id in s)) delete score[id]; else score[id] += s[id]; });
      });
      var ids = Object.keys(score).map(Number).sort(function (a, b) { return score[b] - score[a] || a - b; });
      return docsFor(ids.slice(0, 200), meta);
    }).then(function (docs) {
      docs = docs.filter(function (d) {
        return (!want.topic || d.topics.indexOf(want.topic) >= 0) &&
               (!want.author || d.authors.indexOf(want.author) >= 0) &&
               (!want.publication || d.publication === want.publication) &&
               (!want.year || String(d.year) === want.year);
      });
      results.innerHTML = "";
      docs.slice(0, 50).forEach(function (d) {
        var li = document.createElement("li");
        li.className = "search-result";
        var a = document.createElement("a");
        a.href = root + d.url; a.textContent = d.title;
        var h = document.createElement("h2"); h.appendChild(a); li.appendChild(h);
        var p = document.createElement("p");
        p.className = "meta";
        p.textContent = [d.authors.join(", "), d.publication, d.year].filter(Boolean).join(" · ");
        li.appendChild(p);
        var s = document.createElement("p"); s.textContent = d.summary; li.appendChild(s);
        results.appendChild(li);
      });
      status.textContent = docs.length + " result" + (docs.length === 1 ? "" : "s") + " for “" + q + "”";
    });
  }
})();
