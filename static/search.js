// dossier search client: reads the chunked index under search/ (see src/render/search.rs).
// Works under any subpath: every URL is relative to this page's data-root.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !results || !status) return;
  var root = document.documentElement.getAttribute("data-root") || "";
  var FILTERS = ["topic", "author", "publication", "year"];
  var cache = {};
  var latest = 0; // only the newest query may fill the list

  function getJSON(path) {
    if (!cache[path]) {
      cache[path] = fetch(root + path).then(function (r) {
        if (!r.ok) throw new Error(path + ": HTTP " + r.status);
        return r.json();
      });
    }
    return cache[path];
  }

  // Fold as the indexer does (deunicode + lowercase): strip accents, then the
  // Latin letters that do not decompose.
  var SPECIAL = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i" };
  function fold(s) {
    return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[ßæœøđðłþı]/g, function (c) { return SPECIAL[c]; });
  }
  function terms(q, stop) {
    var seen = {};
    return fold(q).split(/[^a-z0-9]+/).filter(function (t) {
      if (t.length < 2 || stop[t] || seen[t]) return false;
      seen[t] = true;
      return true;
    });
  }
  function option(select, value, label) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    select.appendChild(o);
  }

  getJSON("search/meta.json").then(function (meta) {
    var stop = {};
    (meta.stop_words || []).forEach(function (w) { stop[w] = true; });
    var shards = {};
    (meta.shards || []).forEach(function (s) { shards[s] = true; });
    var topics = {};
    (meta.topics || []).forEach(function (t) { topics[t[0]] = { label: t[1], hue: t[2] || 0 }; });
    var ctx = { meta: meta, stop: stop, shards: shards, topics: topics };

    var params = new URLSearchParams(location.search);
    var fill = {
      topic: meta.topics.map(function (t) { return [t[0], t[1]]; }),
      author: meta.authors.map(function (a) { return [a, a]; }),
      publication: meta.publications.map(function (p) { return [p, p]; }),
      year: meta.years.map(function (y) { return [String(y), String(y)]; }),
    };
    FILTERS.forEach(function (k) {
      var sel = form.elements[k];
      fill[k].forEach(function (v) { option(sel, v[0], v[1]); });
      if (params.get(k)) sel.value = params.get(k);
    });
    form.elements.q.value = params.get("q") || "";
    run(ctx);
    form.addEventListener("change", function () { run(ctx); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      run(ctx);
    });
  }).catch(function () {
    status.textContent = "Search is unavailable: its index could not be loaded. Serve the site over HTTP to search it.";
  });

  // Postings of one query term: { docId: score }. The last term may be
  // unfinished, so it also matches every indexed word it starts.
  function postings(t, last, ctx) {
    var prefix = t.slice(0, 2);
    if (!ctx.shards[prefix]) return Promise.resolve({});
    return getJSON("search/terms/" + prefix + ".json").then(function (shard) {
      var ids = {};
      Object.keys(shard).forEach(function (k) {
        if (k === t || (last && k.indexOf(t) === 0)) {
          shard[k].forEach(function (id, rank) {
            ids[id] = Math.max(ids[id] || 0, 1 / (rank + 1));
          });
        }
      });
      return ids;
    });
  }

  function docsFor(ids, meta) {
    var chunks = {};
    ids.forEach(function (id) { chunks[Math.floor(id / meta.chunk)] = true; });
    return Promise.all(Object.keys(chunks).map(function (c) { return getJSON("search/docs/" + c + ".json"); }))
      .then(function (lists) {
        var byId = {};
        lists.forEach(function (l) { l.forEach(function (d) { byId[d.id] = d; }); });
        return ids.map(function (id) { return byId[id]; }).filter(Boolean);
      });
  }

  function badge(id, ctx) {
    var t = ctx.topics[id] || { label: id, hue: 0 };
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.className = "badge topic-" + id + " hue-" + t.hue;
    a.href = root + "topics/" + id + "/";
    a.textContent = t.label;
    li.appendChild(a);
    return li;
  }

  function render(d, ctx) {
    var li = document.createElement("li");
    li.className = "article-item search-result";
    var h = document.createElement("h2");
    h.className = "item-title";
    var a = document.createElement("a");
    a.href = root + d.url;
    a.textContent = d.title;
    h.appendChild(a);
    li.appendChild(h);
    var meta = [d.authors.join(", "), d.publication, d.year].filter(Boolean).join(" · ");
    if (meta) {
      var p = document.createElement("p");
      p.className = "meta";
      p.textContent = meta;
      li.appendChild(p);
    }
    if (d.summary) {
      var s = document.createElement("p");
      s.className = "summary";
      s.textContent = d.summary;
      li.appendChild(s);
    }
    if (d.topics.length) {
      var ul = document.createElement("ul");
      ul.className = "badges";
      ul.setAttribute("aria-label", "Topics");
      d.topics.forEach(function (id) { ul.appendChild(badge(id, ctx)); });
      li.appendChild(ul);
    }
    return li;
  }

  function run(ctx) {
    var seq = ++latest;
    var q = form.elements.q.value.trim();
    var want = {};
    FILTERS.forEach(function (k) { want[k] = form.elements[k].value; });
    var url = new URL(location.href);
    url.searchParams.delete("q");
    if (q) url.searchParams.set("q", q);
    FILTERS.forEach(function (k) {
      if (want[k]) url.searchParams.set(k, want[k]); else url.searchParams.delete(k);
    });
    history.replaceState(null, "", url);

    var ts = terms(q, ctx.stop);
    if (!ts.length) {
      results.replaceChildren();
      status.textContent = q ? "“" + q + "” has only words too common to search for." : "Type a word to search.";
      return;
    }
    Promise.all(ts.map(function (t, i) { return postings(t, i === ts.length - 1, ctx); }))
      .then(function (sets) {
        var score = sets[0];
        sets.slice(1).forEach(function (s) {
          Object.keys(score).forEach(function (id) {
            if (id in s) score[id] += s[id]; else delete score[id];
          });
        });
        var ids = Object.keys(score).map(Number).sort(function (a, b) { return score[b] - score[a] || a - b; });
        return docsFor(ids.slice(0, 200), ctx.meta);
      })
      .then(function (docs) {
        if (seq !== latest) return;
        docs = docs.filter(function (d) {
          return (!want.topic || d.topics.indexOf(want.topic) >= 0) &&
                 (!want.author || d.authors.indexOf(want.author) >= 0) &&
                 (!want.publication || d.publication === want.publication) &&
                 (!want.year || String(d.year) === want.year);
        });
        results.replaceChildren.apply(results, docs.slice(0, 50).map(function (d) { return render(d, ctx); }));
        var filters = FILTERS.filter(function (k) { return want[k]; }).map(function (k) {
          var sel = form.elements[k];
          return sel.options[sel.selectedIndex].textContent;
        });
        status.textContent = (docs.length ? docs.length : "No") + " result" + (docs.length === 1 ? "" : "s") +
          " for “" + q + "”" + (filters.length ? " in " + filters.join(", ") : "") +
          (docs.length > 50 ? "; the first 50 are shown." : ".");
      })
      .catch(function () {
        if (seq === latest) status.textContent = "Search failed: part of the index could not be loaded.";
      });
  }
})();
