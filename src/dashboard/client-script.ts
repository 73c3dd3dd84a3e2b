// The dashboard's only client code (served as /dashboard.js, no build step): correlation
// window countdowns, and the live decisions table of a Sensor page, refreshed by polling its
// server-rendered (escaped) fragment.
export const CLIENT_SCRIPT = `'use strict';
(function () {
  function fmt(ms) {
    var s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) return s + 's';
    if (s < 3600) return Math.floor(s / 60) + 'm' + String(s % 60).padStart(2, '0') + 's';
    return Math.floor(s / 3600) + 'h' + String(Math.floor((s % 3600) / 60)).padStart(2, '0') + 'm';
  }
  function tick() {
    document.querySelectorAll('.countdown[data-expires]').forEach(function (el) {
      var left = Number(el.getAttribute('data-expires')) - Date.now();
      el.textContent = left > 0 ? fmt(left) + ' left' : 'expiring';
    });
  }
  setInterval(tick, 1000);
  tick();
  var table = document.querySelector('table[data-live]');
  if (!table) return;
  var body = table.querySelector('tbody');
  var status = document.getElementById('live-status');
  var url = table.getAttribute('data-live');
  var last = body.innerHTML;
  function poll() {
    fetch(url, { headers: { accept: 'text/html' } })
      .then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.text();
      })
      .then(function (text) {
        if (text !== last) { body.innerHTML = text; last = text; }
        if (status) status.textContent = '(live, updated ' + new Date().toLocaleTimeString() + ')';
      })
      .catch(function (e) { if (status) status.textContent = '(live updates paused: ' + e.message + ')'; })
      .finally(function () { setTimeout(poll, 1500); });
  }
  setTimeout(poll, 1500);
})();
`;
