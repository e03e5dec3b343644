// dossier search client: reads the sharded index under search/ (see src/render/search.rs).
// Works under any subpath: every URL is relative to this page's data-root. The query and
// filters live in the URL (?q=...&topic=...&sort=date), so a search can be shared.
(function (global) {
  "use strict";
  // Snowball English (Porter2) stemmer, as rust-stemmers 1.2 runs it at build time
  // (src/render/search.rs); tests/browser/search.mjs checks the two agree on
  // tests/fixtures/search/stems.tsv. Input: lowercase a-z.
  var EXCEPTIONS = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl",
    ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe",
    atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes",
  };
  var AFTER_1A = { inning: 1, outing: 1, canning: 1, herring: 1, earring: 1, proceed: 1, exceed: 1, succeed: 1 };
  var STEP2 = [
    ["ization", "ize"], ["ational", "ate"], ["fulness", "ful"], ["ousness", "ous"], ["iveness", "ive"],
    ["tional", "tion"], ["biliti", "ble"], ["lessli", "less"], ["entli", "ent"], ["ation", "ate"],
    ["alism", "al"], ["aliti", "al"], ["ousli", "ous"], ["iviti", "ive"], ["fulli", "ful"], ["enci", "ence"],
    ["anci", "ance"], ["abli", "able"], ["izer", "ize"], ["ator", "ate"], ["alli", "al"], ["bli", "ble"],
    ["ogi", "og"], ["li", ""],
  ];
  var STEP3 = [
    ["ational", "ate"], ["tional", "tion"], ["alize", "al"], ["icate", "ic"], ["iciti", "ic"], ["ative", ""],
    ["ical", "ic"], ["ness", ""], ["ful", ""],
  ];
  var STEP4 = ["ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive",
    "ize", "ion", "al", "er", "ic"];
  function isV(c) { return c === "a" || c === "e" || c === "i" || c === "o" || c === "u" || c === "y"; }
  // The word (as an array) ends, at `end`, in a short syllable.
  function shortv(w, end) {
    var a = w[end - 1], b = w[end - 2], c = w[end - 3];
    if (end >= 3 && !isV(a) && a !== "w" && a !== "x" && a !== "Y" && isV(b) && !isV(c)) return true;
    return end === 2 && !isV(a) && isV(b);
  }
  function ends(s, suf) { return s.length >= suf.length && s.slice(s.length - suf.length) === suf; }
  // The longest suffix of `s` in `list` (entries [suffix, ...] or suffixes), or null.
  function longest(s, list) {
    var best = null;
    list.forEach(function (e) {
      var suf = typeof e === "string" ? e : e[0];
      if (ends(s, suf) && (!best || suf.length > (typeof best === "string" ? best : best[0]).length)) best = e;
    });
    return best;
  }
  function stem(word) {
    if (Object.prototype.hasOwnProperty.call(EXCEPTIONS, word)) return EXCEPTIONS[word];
    if (word.length < 3) return word;
    var w = word.split("");
    for (var i = 0; i < w.length; i++) {
      if (w[i] === "y" && (i === 0 || isV(w[i - 1]))) w[i] = "Y";
    }
    var s = w.join("");
    // R1 and R2.
    var p1 = s.length, p2 = s.length;
    var m = /^(gener|commun|arsen)/.exec(s);
    function region(from) {
      for (var j = from; j < s.length - 1; j++) {
        if (isV(s[j]) && !isV(s[j + 1])) return j + 2;
      }
      return s.length;
    }
    p1 = m ? m[1].length : region(0);
    p2 = region(p1);
    var r;
    // Step 1a.
    if (ends(s, "sses")) s = s.slice(0, -2);
    else if (ends(s, "ied") || ends(s, "ies")) s = s.length > 4 ? s.slice(0, -2) : s.slice(0, -1);
    else if (ends(s, "us") || ends(s, "ss")) { /* kept */ }
    else if (ends(s, "s") && /[aeiouy]/.test(s.slice(0, -2))) s = s.slice(0, -1);
    if (AFTER_1A[s]) return s;
    // Step 1b.
    r = longest(s, ["eedly", "ingly", "edly", "eed", "ing", "ed"]);
    if (r === "eed" || r === "eedly") {
      if (s.length - r.length >= p1) s = s.slice(0, -r.length) + "ee";
    } else if (r) {
      var stemPart = s.slice(0, -r.length);
      if (/[aeiouy]/.test(stemPart)) {
        s = stemPart;
        if (ends(s, "at") || ends(s, "bl") || ends(s, "iz")) s += "e";
        else if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(s)) s = s.slice(0, -1);
        else if (p1 === s.length && shortv(s, s.length)) s += "e";
      }
    }
    // Step 1c.
    if (s.length > 2 && (ends(s, "y") || ends(s, "Y")) && !isV(s[s.length - 2])) s = s.slice(0, -1) + "i";
    // Step 2.
    r = longest(s, STEP2);
    if (r && s.length - r[0].length >= p1) {
      var before = s[s.length - r[0].length - 1];
      if (r[0] === "ogi") { if (before === "l") s = s.slice(0, -3) + "og"; }
      else if (r[0] === "li") { if ("cdeghkmnrt".indexOf(before) >= 0 && before) s = s.slice(0, -2); }
      else s = s.slice(0, -r[0].length) + r[1];
    }
    // Step 3.
    r = longest(s, STEP3);
    if (r && s.length - r[0].length >= p1) {
      if (r[0] === "ative") { if (s.length - 5 >= p2) s = s.slice(0, -5); }
      else s = s.slice(0, -r[0].length) + r[1];
    }
    // Step 4.
    r = longest(s, STEP4);
    if (r && s.length - r.length >= p2) {
      if (r !== "ion" || /[st]$/.test(s.slice(0, -3))) s = s.slice(0, -r.length);
    }
    // Step 5.
    if (ends(s, "e")) {
      if (s.length - 1 >= p2 || (s.length - 1 >= p1 && !shortv(s, s.length - 1))) s = s.slice(0, -1);
    } else if (ends(s, "l") && s.length - 1 >= p2 && s[s.length - 2] === "l") {
      s = s.slice(0, -1);
    }
    return s.replace(/Y/g, "y");
  }

  // ---- Query terms, cut as the indexer cuts text (src/enrich/derive.rs). ----
  var CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3\uff66-\uff9f]/;
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  // Fold as the indexer does (deunicode + lowercase): strip accents, then the
  // Latin letters that do not decompose.
  var SPECIAL = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i" };
  function fold(s) {
    return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[ßæœøđðłþı]/g, function (c) { return SPECIAL[c]; });
  }
  // One non-CJK word as an index term, or null (too short, a stop word, not a-z0-9 once folded).
  function plain(w, stop) {
    if ([...w].length < 2) return null;
    var f = fold(w);
    return /^[a-z0-9]+$/.test(f) && !stop[f] ? f : null;
  }
  // The terms of `text` in order: { term, key } (key: stem of a-z words, else the term).
  function terms(text, stop) {
    var out = [];
    (text.match(WORD) || []).forEach(function (w) {
      if (!CJK.test(w)) {
        var t = plain(w, stop);
        if (t) out.push(t);
        return;
      }
      // Runs of CJK letters give their overlapping two-letter grams; other runs a word.
      (w.match(/[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3\uff66-\uff9f]+|[^\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3\uff66-\uff9f]+/g) || []).forEach(function (run) {
        if (!CJK.test(run)) {
          var t = plain(run, stop);
          if (t) out.push(t);
          return;
        }
        var cs = [...run];
        if (cs.length === 1) out.push(run);
        for (var i = 0; i + 1 < cs.length; i++) out.push(cs[i] + cs[i + 1]);
      });
    });
    return out;
  }
  function keyOf(t) { return /^[a-z]+$/.test(t) ? stem(t) : t; }

  // ---- Postings (format: src/render/search.rs). ----
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = {};
  for (var d = 0; d < 64; d++) DIGIT[ALPHABET[d]] = d;
  // Calls f(id, weight) for each posting of the varint run s[from..).
  function sparse(s, from, f) {
    var id = 0, n = 0, shift = 0;
    for (var i = from; i < s.length; i++) {
      var v = DIGIT[s[i]];
      n += (v & 31) * Math.pow(2, shift);
      if (v & 32) { shift += 5; continue; }
      id += Math.floor(n / 16);
      f(id, n % 16);
      id += 1;
      n = 0;
      shift = 0;
    }
  }
  // A posting string as { ids: [...], w: {id: weight} } (every id, in order).
  function decode(s) {
    var ids = [], w = {};
    if (s[0] === "s") {
      sparse(s, 1, function (id, x) { ids.push(id); w[id] = x; });
      return { ids: ids, w: w };
    }
    var dot = s.indexOf(".");
    for (var i = 1; i < dot; i++) {
      var v = DIGIT[s[i]];
      for (var b = 0; b < 6; b++) if (v & (1 << b)) { ids.push((i - 1) * 6 + b); w[(i - 1) * 6 + b] = 1; }
    }
    sparse(s, dot + 1, function (id, x) { w[id] = x; });
    return { ids: ids, w: w };
  }
  // A shard's file, as shard_file spells it.
  function shardFile(prefix) {
    return "search/terms/" + [...prefix].map(function (c) {
      return /[a-z0-9]/i.test(c) ? c : "_" + c.codePointAt(0).toString(16) + "_";
    }).join("") + "_.json";
  }

  global.dossierSearch = { stem: stem, terms: terms, keyOf: keyOf, decode: decode, shardFile: shardFile };
  if (typeof document === "undefined") return;

  var form = document.getElementById("search-form");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var more = document.getElementById("search-more");
  if (!form || !results || !status || !more) return;
  var root = document.documentElement.getAttribute("data-root") || "";
  var FILTERS = ["topic", "author", "publication", "year"];
  var PAGE = 10; // results shown at a time (each moves one fragment)
  var PHRASE_CHECKS = 100; // articles whose text is fetched to check a quoted phrase
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
  function option(select, value, label) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    select.appendChild(o);
  }

  getJSON("search/meta.json").then(function (meta) {
    var ctx = { meta: meta, stop: {}, shards: {}, topics: {}, years: {} };
    (meta.stop_words || []).forEach(function (w) { ctx.stop[w] = true; });
    (meta.shards || "").split(" ").forEach(function (s) { if (s) ctx.shards[s] = true; });
    meta.topics.forEach(function (t) { ctx.topics[t[0]] = { label: t[1], hue: t[2] || 0 }; });
    meta.years.forEach(function (y) { ctx.years[y[0]] = y[1]; });
    var params = new URLSearchParams(location.search);
    var fill = {
      topic: meta.topics.map(function (t, i) { return [t[0], t[1]]; }),
      author: meta.authors.map(function (a) { return [a, a]; }),
      publication: meta.publications.map(function (p) { return [p, p]; }),
      year: meta.years.map(function (y) { return [String(y[0]), String(y[0])]; }),
    };
    FILTERS.forEach(function (k) {
      var sel = form.elements[k];
      fill[k].forEach(function (v) { option(sel, v[0], v[1]); });
      if (params.get(k)) sel.value = params.get(k);
    });
    if (params.get("sort") === "date") form.elements.sort.value = "date";
    form.elements.q.value = params.get("q") || "";
    run(ctx);
    form.addEventListener("change", function () { run(ctx); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      run(ctx);
    });
    more.addEventListener("click", function () { if (ctx.next) ctx.next(); });
  }).catch(function () {
    status.textContent = "Search is unavailable: its index could not be loaded. Serve the site over HTTP to search it.";
  });

  // The shard holding `key`: the longest shard prefix it starts with.
  function shardOf(key, ctx) {
    var cs = [...key];
    for (var n = cs.length; n > 0; n--) {
      var p = cs.slice(0, n).join("");
      if (ctx.shards[p]) return p;
    }
    return null;
  }
  // Postings of one query term as { id: weight }: the term's key; when `prefix`,
  // also the keys in that shard starting with the term as typed, at half weight.
  function postings(t, prefix, ctx) {
    var key = keyOf(t);
    var shard = shardOf(key, ctx);
    if (shard === null) return Promise.resolve({ w: {}, n: 0 });
    return getJSON(shardFile(shard)).then(function (terms) {
      var w = {}, n = 0;
      Object.keys(terms).forEach(function (k) {
        var exact = k === key;
        if (!exact && !(prefix && t.length >= 3 && k.indexOf(t) === 0)) return;
        var p = decode(terms[k]);
        n = Math.max(n, p.ids.length);
        p.ids.forEach(function (id) {
          var x = exact ? p.w[id] : p.w[id] / 2;
          if (!(w[id] >= x)) w[id] = x;
        });
      });
      return { w: w, n: n };
    });
  }
  // The ids a filter allows, as { id: true }, or null for no filter.
  function allowed(kind, value, ctx) {
    if (!value) return Promise.resolve(null);
    if (kind === "year") {
      var set = {};
      (ctx.years[value] || []).forEach(function (r) { for (var i = r[0]; i < r[1]; i++) set[i] = true; });
      return Promise.resolve(set);
    }
    var list = kind === "topic" ? ctx.meta.topics.map(function (t) { return t[0]; })
      : kind === "author" ? ctx.meta.authors : ctx.meta.publications;
    var n = list.indexOf(value);
    if (n < 0) return Promise.resolve({});
    return getJSON("search/filters/" + kind + "-" + n + ".json").then(function (s) {
      var set = {};
      decode(s).ids.forEach(function (id) { set[id] = true; });
      return set;
    });
  }

  // The query: quoted phrases (checked in the text) and the terms every result must have.
  function parse(q, stop) {
    var phrases = [];
    var rest = q.replace(/"([^"]*)"?|“([^”]*)”?/g, function (_, a, b) {
      var p = (a !== undefined ? a : b || "").trim();
      if (p) phrases.push(p);
      return " " + p + " ";
    });
    var seen = {}, ts = [];
    terms(rest, stop).forEach(function (t) { if (!seen[t]) { seen[t] = true; ts.push(t); } });
    // The last word may be unfinished: it also matches as a prefix, unless
    // a space or a quote ends the query.
    var open = !phrases.length && /[\p{Alphabetic}\p{N}]$/u.test(q);
    return { terms: ts, phrases: phrases, prefix: open };
  }
  // Text folded for phrase checks: words separated by single spaces.
  function flat(s) { return " " + (fold(s).match(WORD) || []).join(" ") + " "; }
  function hasPhrases(f, phrases) {
    var text = flat([f.title, f.text, f.authors.join(", "), f.publication || ""].join("\n"));
    return phrases.every(function (p) {
      var fp = flat(p);
      return CJK.test(p) ? text.replace(/ /g, "").indexOf(fp.replace(/ /g, "")) >= 0 : text.indexOf(fp) >= 0;
    });
  }

  function run(ctx) {
    var seq = ++latest;
    var q = form.elements.q.value.trim();
    var want = {};
    FILTERS.forEach(function (k) { want[k] = form.elements[k].value; });
    var sort = form.elements.sort.value === "date" ? "date" : "relevance";
    var url = new URL(location.href);
    ["q", "sort"].concat(FILTERS).forEach(function (k) { url.searchParams.delete(k); });
    if (q) url.searchParams.set("q", q);
    FILTERS.forEach(function (k) { if (want[k]) url.searchParams.set(k, want[k]); });
    if (sort === "date") url.searchParams.set("sort", "date");
    history.replaceState(null, "", url);
    ctx.next = null;
    more.hidden = true;

    var query = parse(q, ctx.stop);
    if (!query.terms.length) {
      results.replaceChildren();
      status.textContent = q ? "“" + q + "” has only words too common to search for." : "Type a word to search.";
      return;
    }
    var n = query.terms.length;
    Promise.all([
      Promise.all(query.terms.map(function (t, i) { return postings(t, query.prefix && i === n - 1, ctx); })),
      Promise.all(FILTERS.map(function (k) { return allowed(k, want[k], ctx); })),
    ]).then(function (got) {
      if (seq !== latest) return;
      var sets = got[0], filters = got[1].filter(Boolean);
      var docs = ctx.meta.docs;
      // Every term must match; score: sum of idf x weight (BM25-like, see search.rs).
      var score = {};
      var ids = Object.keys(sets[0].w).map(Number).filter(function (id) {
        for (var i = 1; i < n; i++) if (!(id in sets[i].w)) return false;
        for (var j = 0; j < filters.length; j++) if (!filters[j][id]) return false;
        return true;
      });
      ids.forEach(function (id) {
        score[id] = 0;
        sets.forEach(function (s) {
          var df = Math.max(s.n, 1);
          score[id] += Math.log(1 + (docs - df + 0.5) / (df + 0.5)) * s.w[id];
        });
      });
      // Ids count site order from its end (oldest first): newest first is the highest id.
      ids.sort(sort === "date" ? function (a, b) { return b - a; }
        : function (a, b) { return score[b] - score[a] || b - a; });
      show(ctx, seq, q, query, ids, want);
    }).catch(function () {
      if (seq === latest) status.textContent = "Search failed: part of the index could not be loaded.";
    });
  }

  function fragment(id) { return getJSON("search/f/" + id + ".json"); }

  // Fill the list: PAGE results at a time. With a quoted phrase, the candidates (the
  // first PHRASE_CHECKS) are checked in rank order, a page at a time, only until the
  // page is full: each check fetches the candidate's fragment.
  function show(ctx, seq, q, query, ids, want) {
    var filters = FILTERS.filter(function (k) { return want[k]; }).map(function (k) {
      var sel = form.elements[k];
      return sel.options[sel.selectedIndex].textContent;
    });
    function say(count, note) {
      status.textContent = (count ? count : "No") + " result" + (count === 1 ? "" : "s") + " for “" + q + "”" +
        (filters.length ? " in " + filters.join(", ") : "") + (note || ".");
    }
    var marks = markers(query, ctx);
    var phrase = query.phrases.length > 0;
    var found = phrase ? [] : ids;
    var limit = phrase ? Math.min(ids.length, PHRASE_CHECKS) : 0;
    var checked = 0, shown = 0;
    function fill() {
      if (!phrase || found.length >= shown + PAGE || checked >= limit) return Promise.resolve();
      var batch = ids.slice(checked, Math.min(checked + PAGE, limit));
      checked += batch.length;
      return Promise.all(batch.map(fragment)).then(function (fs) {
        batch.forEach(function (id, i) { if (hasPhrases(fs[i], query.phrases)) found.push(id); });
        return fill();
      });
    }
    function page() {
      return fill().then(function () {
        if (seq !== latest) return;
        var batch = found.slice(shown, shown + PAGE);
        return Promise.all(batch.map(fragment)).then(function (fs) {
          if (seq !== latest) return;
          if (shown === 0) results.replaceChildren();
          fs.forEach(function (f) { results.appendChild(render(f, marks, ctx)); });
          shown += batch.length;
          var unchecked = limit - checked;
          more.hidden = shown >= found.length && !unchecked;
          ctx.next = more.hidden ? null : page;
          say(found.length, (unchecked ? "; " + unchecked + " more with its words to check" :
            ids.length > PHRASE_CHECKS && phrase ? "; the phrase was checked in the best " + PHRASE_CHECKS + " articles with its words" : "") +
            (found.length > shown ? "; " + shown + " shown." : "."));
        });
      });
    }
    page().catch(function () {
      if (seq === latest) status.textContent = "Search failed: part of the index could not be loaded.";
    });
  }

  // What to mark in a result's text: words whose key a query term has (or, for an
  // unfinished last word, that start with it), and the CJK runs of the query.
  function markers(query, ctx) {
    var keys = {}, cjk = [];
    query.terms.forEach(function (t) { if (!CJK.test(t)) keys[keyOf(t)] = true; });
    query.phrases.concat([form.elements.q.value]).forEach(function (p) {
      (p.match(/[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3\uff66-\uff9f]+/g) || []).forEach(function (r) { cjk.push(r); });
    });
    var last = query.prefix ? query.terms[query.terms.length - 1] : null;
    return function (text) {
      var ranges = [];
      var m;
      WORD.lastIndex = 0;
      while ((m = WORD.exec(text))) {
        if (CJK.test(m[0])) continue;
        var t = plain(m[0], ctx.stop);
        if (t && (keys[keyOf(t)] || (last && last.length >= 3 && t.indexOf(last) === 0))) ranges.push([m.index, m.index + m[0].length]);
      }
      cjk.forEach(function (r) {
        for (var i = text.indexOf(r); i >= 0; i = text.indexOf(r, i + r.length)) ranges.push([i, i + r.length]);
      });
      return ranges.sort(function (a, b) { return a[0] - b[0]; });
    };
  }

  // About 220 characters of `text` around its densest run of marks, as nodes.
  function excerpt(text, ranges) {
    var SPAN = 220;
    var start = 0, best = -1;
    ranges.forEach(function (r, i) {
      var n = 0;
      for (var j = i; j < ranges.length && ranges[j][0] < r[0] + SPAN - 40; j++) n++;
      if (n > best) { best = n; start = r[0]; }
    });
    // Some context before the first mark, from a word's start (the text's start when close).
    start = start <= 60 ? 0 : start - 40;
    if (start > 0) {
      var sp = text.indexOf(" ", start);
      if (sp >= 0 && sp < start + 20) start = sp + 1;
    }
    var end = Math.min(text.length, start + SPAN);
    if (end < text.length) {
      var back = text.lastIndexOf(" ", end);
      if (back > start + SPAN / 2) end = back;
    }
    var nodes = [];
    if (start > 0) nodes.push(document.createTextNode("…"));
    var at = start;
    ranges.forEach(function (r) {
      if (r[0] < at || r[1] > end) return;
      nodes.push(document.createTextNode(text.slice(at, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      nodes.push(mark);
      at = r[1];
    });
    nodes.push(document.createTextNode(text.slice(at, end) + (end < text.length ? "…" : "")));
    return nodes;
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

  function render(f, marks, ctx) {
    var li = document.createElement("li");
    li.className = "article-item search-result";
    var h = document.createElement("h2");
    h.className = "item-title";
    var a = document.createElement("a");
    a.href = root + f.url;
    a.textContent = f.title;
    h.appendChild(a);
    li.appendChild(h);
    var p = document.createElement("p");
    p.className = "meta";
    if (f.date) {
      var time = document.createElement("time");
      time.dateTime = f.date;
      time.textContent = f.date;
      p.appendChild(time);
    }
    var rest = [f.authors.join(", "), f.publication].filter(Boolean).join(" · ");
    if (rest) p.appendChild(document.createTextNode((f.date ? " · " : "") + rest));
    if (p.childNodes.length) li.appendChild(p);
    var text = f.text.replace(/\s+/g, " ");
    if (text) {
      var s = document.createElement("p");
      s.className = "summary excerpt";
      s.replaceChildren.apply(s, excerpt(text, marks(text)));
      li.appendChild(s);
    }
    if (f.topics.length) {
      var ul = document.createElement("ul");
      ul.className = "badges";
      ul.setAttribute("aria-label", "Topics");
      f.topics.forEach(function (id) { ul.appendChild(badge(id, ctx)); });
      li.appendChild(ul);
    }
    return li;
  }
})(this);
