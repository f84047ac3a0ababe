// The HTML slides (slides-html): navigation, the overview and the presenter view.
// No network, no library. The page's JSON (#deck-data) holds each slide's title, notes and
// planned time (minutes from the agenda's start) and the agenda's module count.
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  var data = JSON.parse(document.getElementById("deck-data").textContent);
  var slides = Array.prototype.slice.call(document.querySelectorAll("#deck > .slide"));
  var total = slides.length;
  var presenterMode = /(^|[?&])presenter(=|&|$)/.test(location.search.slice(1));
  var deck = document.getElementById("deck");
  var controls = document.querySelector(".controls");
  var overview = document.getElementById("overview");
  var presenter = document.getElementById("presenter");
  var announce = document.getElementById("announce");
  var counter = document.querySelector("[data-current]");
  var current = 0;
  var key = "workshop-slides:" + data.title + ":" + data.audience;
  var peers = [];
  var channel = null;
  var presenterWindow = null;
  var lastFocus = null;

  function $(name) { return presenter.querySelector('[data-p="' + name + '"]'); }

  // ---- moving between slides ----
  function fromHash() {
    var m = /^#(\d+)$/.exec(location.hash);
    return m ? parseInt(m[1], 10) : 1;
  }

  function go(n, how) {
    how = how || {};
    n = Math.max(1, Math.min(total, n || 1));
    if (n === current && !how.force) return;
    current = n;
    slides.forEach(function (section, i) { section.hidden = i !== n - 1; });
    counter.textContent = String(n);
    if (location.hash !== "#" + n) {
      try { history.replaceState(null, "", "#" + n); } catch (e) { location.hash = "#" + n; }
    }
    if (!how.quiet) announce.textContent = "Slide " + n + " of " + total + ": " + data.slides[n - 1].title;
    if (presenterMode) showPresenter();
    if (!how.remote) tell(n);
  }

  function next() { go(current + 1); }
  function prev() { go(current - 1); }

  // ---- keeping the audience's window and the presenter's in step ----
  function tell(n) {
    var message = { type: "workshop-slides", key: key, n: n };
    if (channel) channel.postMessage(message);
    peers.forEach(function (w) {
      try { if (w && !w.closed) w.postMessage(message, "*"); } catch (e) { /* closed or elsewhere */ }
    });
  }

  function heard(message) {
    if (message && message.type === "workshop-slides" && message.key === key && typeof message.n === "number") {
      go(message.n, { remote: true });
    }
  }

  try {
    channel = new BroadcastChannel(key);
    channel.onmessage = function (e) { heard(e.data); };
  } catch (e) { channel = null; }
  window.addEventListener("message", function (e) {
    if (peers.indexOf(e.source) >= 0) heard(e.data);
  });
  if (window.opener) peers.push(window.opener);

  function openPresenter() {
    var url = location.href.split("#")[0].split("?")[0] + "?presenter#" + current;
    presenterWindow = window.open(url, "workshop-presenter-view", "width=1280,height=800");
    if (presenterWindow) peers.push(presenterWindow);
  }

  // ---- the overview ----
  function overviewOpen() { return !overview.hidden; }

  function openOverview() {
    if (overviewOpen()) return;
    lastFocus = document.activeElement;
    overview.querySelectorAll("a[data-go]").forEach(function (link) {
      var n = parseInt(link.getAttribute("data-go"), 10);
      var thumb = link.querySelector(".thumb");
      if (!thumb.firstChild) thumb.appendChild(copyOf(n));
      link.classList.toggle("current", n === current);
      if (n === current) link.setAttribute("aria-current", "true"); else link.removeAttribute("aria-current");
    });
    overview.hidden = false;
    setInert(true);
    var here = overview.querySelector('a[data-go="' + current + '"]');
    (here || overview.querySelector("a, button")).focus();
    here && here.scrollIntoView({ block: "nearest" });
  }

  function closeOverview() {
    if (!overviewOpen()) return;
    overview.hidden = true;
    setInert(false);
    if (lastFocus && document.body.contains(lastFocus) && lastFocus !== document.body) lastFocus.focus();
  }

  function setInert(on) {
    [deck, controls, presenter].forEach(function (el) {
      if (on) el.setAttribute("inert", ""); else el.removeAttribute("inert");
    });
  }

  function overviewKeys(e) {
    var links = Array.prototype.slice.call(overview.querySelectorAll("a[data-go]"));
    var at = links.indexOf(document.activeElement);
    var columns = links.filter(function (b) { return b.offsetTop === links[0].offsetTop; }).length || 1;
    var to = null;
    if (e.key === "Escape" || e.key === "o" || e.key === "O") { closeOverview(); return true; }
    if (e.key === "Tab") {  // keep focus inside the dialog
      var all = Array.prototype.slice.call(overview.querySelectorAll("button, a"));
      var i = all.indexOf(document.activeElement);
      var j = e.shiftKey ? (i <= 0 ? all.length - 1 : i - 1) : (i === all.length - 1 ? 0 : i + 1);
      all[j].focus();
      return true;
    }
    if (at < 0) return false;
    if (e.key === "ArrowRight") to = at + 1;
    else if (e.key === "ArrowLeft") to = at - 1;
    else if (e.key === "ArrowDown") to = at + columns;
    else if (e.key === "ArrowUp") to = at - columns;
    else if (e.key === "Home") to = 0;
    else if (e.key === "End") to = links.length - 1;
    if (to === null) return false;
    links[Math.max(0, Math.min(links.length - 1, to))].focus();
    return true;
  }

  // A copy of slide n's drawing, for a thumbnail or the presenter view: nothing in it takes focus,
  // and its ids (a chart's or diagram's title, description and arrowhead) are its own.
  var copies = 0;
  function copyOf(n) {
    var frame = slides[n - 1].querySelector(".frame").cloneNode(true);
    var prefix = "copy" + (++copies) + "-";
    frame.querySelectorAll("[id]").forEach(function (el) { el.id = prefix + el.id; });
    frame.querySelectorAll("[aria-labelledby]").forEach(function (el) {
      el.setAttribute("aria-labelledby", el.getAttribute("aria-labelledby").split(/\s+/).map(function (id) {
        return prefix + id;
      }).join(" "));
    });
    frame.querySelectorAll("[marker-end]").forEach(function (el) {
      el.setAttribute("marker-end", el.getAttribute("marker-end").replace("url(#", "url(#" + prefix));
    });
    frame.setAttribute("inert", "");
    frame.setAttribute("aria-hidden", "true");
    return frame;
  }

  // ---- the presenter view ----
  var started = Date.now();
  var pausedAt = null;

  function elapsedMs() { return (pausedAt === null ? Date.now() : pausedAt) - started; }

  function hms(ms) {
    var s = Math.floor(ms / 1000);
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    return h + ":" + (m < 10 ? "0" : "") + m + ":" + (r < 10 ? "0" : "") + r;
  }

  function minutesText(n) { return n === 1 ? "1 minute" : n + " minutes"; }

  // "Module 3 of 12 · 2 minutes behind": where the agenda plans this slide, against the time elapsed.
  function agendaStatus(slide, elapsedMinutes) {
    var where = slide.module
      ? "Module " + slide.module + " of " + data.modules
      : (slide.start > 0 ? "After module " + data.modules + " of " + data.modules : "Before module 1 of " + data.modules);
    var state = "on-time", words = "on time";
    if (elapsedMinutes > slide.end + 0.5) {
      state = "behind"; words = minutesText(Math.round(elapsedMinutes - slide.end)) + " behind";
    } else if (elapsedMinutes < slide.start - 0.5) {
      state = "ahead"; words = minutesText(Math.round(slide.start - elapsedMinutes)) + " ahead";
    }
    return { where: where, state: state, words: words };
  }

  function tick() {
    if (!presenterMode) return;
    var ms = elapsedMs();
    $("elapsed").textContent = hms(ms);
    var now = new Date();
    $("now").textContent = (now.getHours() < 10 ? "0" : "") + now.getHours() + ":" + (now.getMinutes() < 10 ? "0" : "") + now.getMinutes();
    var slide = data.slides[current - 1];
    var status = agendaStatus(slide, ms / 60000);
    var agenda = $("agenda");
    var text = status.where + " · " + status.words;
    if (agenda.getAttribute("data-text") !== text) {  // rewrite only on change: it is a live region
      agenda.setAttribute("data-text", text);
      agenda.textContent = status.where + " · ";
      var span = document.createElement("span");
      span.className = status.state;
      span.textContent = status.words;
      agenda.appendChild(span);
    }
  }

  function showPresenter() {
    var slide = data.slides[current - 1];
    $("position").textContent = "(" + current + " of " + total + ")";
    var now = $("current");
    now.replaceChildren(copyOf(current));
    now.firstChild.removeAttribute("aria-hidden");  // the current slide is read; only the next is hidden
    var after = $("next");
    if (current < total) {
      after.replaceChildren(copyOf(current + 1));
    } else {
      var end = document.createElement("p");
      end.className = "p-end";
      end.textContent = "End of the slides.";
      after.replaceChildren(end);
    }
    var notes = $("notes");
    notes.replaceChildren();
    (slide.notes.length ? slide.notes : [null]).forEach(function (text) {
      var p = document.createElement("p");
      if (text === null) { p.className = "p-none"; p.textContent = "No notes for this slide."; }
      else p.textContent = text;
      notes.appendChild(p);
    });
    // "10:03–10:04 · Welcome (10:00–10:05)": this slide's slot, then its module's in the agenda
    var slot = slide.clock && slide.clockEnd !== slide.clock ? slide.clock + "–" + slide.clockEnd : slide.clock;
    $("planned").textContent = [slot, slide.moduleTitle ? slide.moduleTitle + " (" + slide.moduleClock + ")" : ""]
      .filter(Boolean).join(" · ");
    tick();
  }

  function togglePause(button) {
    if (pausedAt === null) { pausedAt = Date.now(); button.textContent = "Resume timer"; button.setAttribute("aria-pressed", "true"); }
    else { started += Date.now() - pausedAt; pausedAt = null; button.textContent = "Pause timer"; button.setAttribute("aria-pressed", "false"); }
    tick();
  }

  // ---- keys, clicks and the address ----
  function act(action, button) {
    if (action === "next") next();
    else if (action === "prev") prev();
    else if (action === "overview") openOverview();
    else if (action === "close-overview") closeOverview();
    else if (action === "presenter") openPresenter();
    else if (action === "pause") togglePause(button);
    else if (action === "reset") { started = Date.now(); if (pausedAt !== null) pausedAt = started; tick(); }
  }

  document.addEventListener("click", function (e) {
    var link = e.target.closest("a[data-go]");
    if (link) {  // an overview thumbnail: go there without a history entry per jump
      e.preventDefault();
      closeOverview();
      go(parseInt(link.getAttribute("data-go"), 10));
      return;
    }
    var button = e.target.closest("button");
    if (button && button.hasAttribute("data-action")) { act(button.getAttribute("data-action"), button); return; }
    if (presenterMode || overviewOpen() || e.target.closest("a, button")) return;
    var frame = e.target.closest("#deck .frame");
    if (!frame) return;
    var box = frame.getBoundingClientRect();
    if (e.clientX < box.left + box.width / 4) prev(); else next();
  });

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (overviewOpen()) { if (overviewKeys(e)) e.preventDefault(); return; }
    var onControl = e.target.closest && e.target.closest("button, a, input, select, textarea");
    switch (e.key) {
      case "ArrowRight": case "ArrowDown": case "PageDown": next(); break;
      case "ArrowLeft": case "ArrowUp": case "PageUp": prev(); break;
      case " ": case "Spacebar":
        if (onControl) return;
        if (e.shiftKey) prev(); else next();
        break;
      case "Home": go(1); break;
      case "End": go(total); break;
      case "o": case "O": openOverview(); break;
      case "p": case "P": if (!presenterMode) openPresenter(); else return; break;
      case "f": case "F":
        if (document.fullscreenElement) document.exitFullscreen(); else if (root.requestFullscreen) root.requestFullscreen();
        break;
      default: return;
    }
    e.preventDefault();
  });

  window.addEventListener("hashchange", function () { go(fromHash()); });

  // The controls fade after a few seconds without the mouse, and come back with it or with focus.
  var idleTimer = null;
  function wake() {
    controls.classList.remove("idle");
    clearTimeout(idleTimer);
    idleTimer = setTimeout(function () { controls.classList.add("idle"); }, 3000);
  }
  document.addEventListener("mousemove", wake);

  if (presenterMode) {
    root.classList.add("presenter-mode");
    presenter.hidden = false;
    document.title = "Presenter view · " + document.title;
    setInterval(tick, 1000);
  }
  go(fromHash(), { force: true, quiet: true, remote: true });
  wake();
})();
