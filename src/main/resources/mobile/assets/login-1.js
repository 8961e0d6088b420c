/* The login page of 移动工作台: after a logout, nothing the workbench kept stays on the phone. */
(function () {
  'use strict';
  if (!document.getElementById('loggedOut')) { return; }
  Object.keys(localStorage).filter(function (k) { return k.indexOf('m.') === 0; })
    .forEach(function (k) { localStorage.removeItem(k); });
  try { sessionStorage.clear(); } catch (e) { /* nothing kept there */ }
  if (window.caches) {
    caches.keys().then(function (names) {
      names.filter(function (n) { return n.indexOf('m-data') === 0; }).forEach(function (n) { caches.delete(n); });
    });
  }
})();
