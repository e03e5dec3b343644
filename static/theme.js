// Light/dark theme toggle. The page follows prefers-color-scheme until the reader
// presses the toggle; that choice is kept in localStorage and wins from then on.
// Loaded with `defer` (the Content-Security-Policy allows no inline script).
(function () {
  'use strict';
  var KEY = 'dossier-theme';
  var root = document.documentElement;
  var system = window.matchMedia('(prefers-color-scheme: dark)');

  function stored() {
    try {
      return localStorage.getItem(KEY);
    } catch (e) {
      return null; // storage blocked: the toggle still works for this page
    }
  }

  function current() {
    return root.getAttribute('data-theme') || (system.matches ? 'dark' : 'light');
  }

  var choice = stored();
  if (choice === 'dark' || choice === 'light') root.setAttribute('data-theme', choice);

  var button = document.getElementById('theme-toggle');
  if (!button) return;

  function sync() {
    button.setAttribute('aria-pressed', current() === 'dark' ? 'true' : 'false');
  }

  button.addEventListener('click', function () {
    var next = current() === 'dark' ? 'light' : 'dark';
    root.setAttribute('data-theme', next);
    try {
      localStorage.setItem(KEY, next);
    } catch (e) {
      /* not remembered, but applied */
    }
    sync();
  });
  if (system.addEventListener) system.addEventListener('change', sync);
  sync();
  button.hidden = false;
})();
