/* Service worker of 移动工作台: the shell, its scripts and styles (form-js) come from the phone's cache when the
   network is weak or gone. Personal JSON (/m/api) is never cached. */
'use strict';
var SHELL = 'm-shell-3';
var ASSETS = ['/m/assets/app-3.css', '/m/assets/app-3.js', '/m/assets/form-js-1.8.7.css',
  '/m/assets/form-viewer-1.8.7.min.js'];

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) { return cache.addAll(ASSETS); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf('m-shell') === 0 && n !== SHELL; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (event) {
  var url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin) { return; }
  if (url.pathname.indexOf('/m/assets/') === 0) {
    // versioned names: the cached copy is the right one
    event.respondWith(caches.match(event.request).then(function (hit) {
      return hit || fetch(event.request).then(function (res) {
        if (res.ok) { var copy = res.clone(); caches.open(SHELL).then(function (c) { c.put(event.request, copy); }); }
        return res;
      });
    }));
  } else if (url.pathname === '/m/') {
    // the shell: the network first (a new version, or the login when the session ended), the cached copy offline
    event.respondWith(fetch(event.request).then(function (res) {
      if (res.ok && !res.redirected) { var copy = res.clone(); caches.open(SHELL).then(function (c) { c.put('/m/', copy); }); }
      return res;
    }).catch(function () {
      return caches.match('/m/').then(function (hit) { return hit || Response.error(); });
    }));
  }
});
