/* Keep a place's pack on this device, for use without Wi-Fi (loaded on every page of the theme; acts on a pack page).
 * A pack page holds a status line (#iwe-offline, hidden until this runs) that names the service worker, the site's
 * root and the place's list of pages. Over http(s) only: the offline zip, opened from a folder (file://), needs
 * none of it. The worker (made from overrides/iwe/service-worker.js.j2) asks nothing of any other server. */
(function () {
  "use strict";
  var box = document.getElementById("iwe-offline");
  if (!box || !/^https?:$/.test(location.protocol)) return;
  var SEEN = "iwe-offline-cache"; // the name of the cache this browser last said was ready
  var AGAIN = "Check the Wi-Fi, then open this page again.";
  box.hidden = false;

  function say(state, label, words) {
    box.textContent = "";
    var strong = document.createElement("strong");
    strong.textContent = label;
    box.appendChild(strong);
    if (words) box.appendChild(document.createTextNode(" " + words));
    box.setAttribute("data-state", state);
  }

  if (!("serviceWorker" in navigator) || !window.caches || !window.MessageChannel) {
    say("unsupported", "Not ready:", "this browser cannot keep the pack for use without Wi-Fi. " +
        "Open this page in Safari on an iPad, or in Chrome or Edge.");
    return;
  }

  function remembered() {
    try { return localStorage.getItem(SEEN); } catch (e) { return null; }
  }

  function remember(name) {
    try { localStorage.setItem(SEEN, name); } catch (e) { /* storage turned off: nothing to compare next time */ }
  }

  // the registration once no new worker is on its way in (a new build installs, then takes over)
  function settled(registration) {
    var next = registration.installing || registration.waiting;
    if (!next) return navigator.serviceWorker.ready;
    return new Promise(function (resolve) {
      next.addEventListener("statechange", function () {
        if (next.state === "activated" || next.state === "redundant") resolve(navigator.serviceWorker.ready);
      });
    });
  }

  function ask(worker, urls) {
    return new Promise(function (resolve, reject) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) { resolve(event.data); };
      setTimeout(function () { reject(new Error("no answer")); }, 180000);
      worker.postMessage({type: "keep", urls: urls}, [channel.port2]);
    });
  }

  var root = new URL(box.getAttribute("data-root"), location.href);
  var worker = new URL(box.getAttribute("data-worker"), location.href);
  var list = new URL(box.getAttribute("data-list"), location.href);
  var running = null;
  var current = null; // the cache the worker last said holds this pack

  function prepare() {
    say("getting-ready", "Getting this pack ready for offline use…");
    running = navigator.serviceWorker.register(worker.href, {scope: root.href})
      .then(settled)
      .then(function (registration) {
        return fetch(list.href, {cache: "no-cache"}).then(function (response) {
          if (!response.ok) throw new Error("the list: " + response.status);
          return response.json();
        }).then(function (data) {
          return ask(registration.active, data.urls.map(function (u) { return new URL(u, root).href; }));
        });
      })
      .then(function (answer) {
        current = answer.cache;
        if (!answer.ok) {
          say("failed", "Not ready:", answer.failed.length + (answer.failed.length === 1 ? " file" : " files") +
              " could not be saved on this device. " + AGAIN);
          return;
        }
        var before = remembered();
        remember(answer.cache);
        say(before && before !== answer.cache ? "new-version" : "ready", "Ready for offline use:",
            "this pack now works without Wi-Fi on this device." +
            (before && before !== answer.cache ? " A new version of the pack is ready." : ""));
      })
      .catch(function () {
        say("failed", "Not ready:", "this pack could not be saved on this device. " + AGAIN);
      })
      .then(function () { running = null; });
    return running;
  }

  // a new build took over while this page was open: keep this place's pages in its new cache, and say so once
  navigator.serviceWorker.addEventListener("message", function (event) {
    if (!event.data || event.data.type !== "new-version") return;
    (running || Promise.resolve()).then(function () {
      if (current !== event.data.cache && !running) prepare();
    });
  });
  prepare();
})();
