// workshop-builder preview: follows the preview server's state (server-sent events) and
// reloads this page when its output changed, shows a failed build's mistakes in an overlay
// instead of the page, and lists the check findings in a side panel.
"use strict";
(function () {
  var page = window.WB_PREVIEW || {};
  var overlay = null;
  var panel = null;

  function element(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) node.textContent = text;
    return node;
  }

  function stale(state) {
    if (page.output) {
      var item = state.outputs[page.output];
      return !!item && item.changed !== page.changed;
    }
    return state.build !== page.build;
  }

  function showOverlay(errors) {
    if (!overlay) {
      overlay = element("div", { id: "wb-preview-overlay", role: "alertdialog", "aria-modal": "true",
                                 "aria-labelledby": "wb-preview-overlay-title" });
      overlay.appendChild(element("h2", { id: "wb-preview-overlay-title" }, "The preview cannot be built"));
      overlay.appendChild(element("pre", { id: "wb-preview-errors" }));
      overlay.appendChild(element("p", {}, "Fix the file and save it: this page updates by itself."));
      document.body.appendChild(overlay);
    }
    overlay.querySelector("pre").textContent = errors.join("\n");
    document.documentElement.classList.add("wb-preview-failed");
  }

  function hideOverlay() {
    if (overlay) overlay.remove();
    overlay = null;
    document.documentElement.classList.remove("wb-preview-failed");
  }

  function showFindings(state) {
    if (!panel) {
      panel = element("aside", { id: "wb-preview-panel", "aria-label": "Preview status and check findings" });
      var toggle = element("button", { type: "button", "aria-expanded": "true", "aria-controls": "wb-preview-list" });
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        toggle.setAttribute("aria-expanded", String(open));
        panel.classList.toggle("wb-preview-closed", !open);
        try { sessionStorage.setItem("wb-preview-closed", open ? "" : "1"); } catch (e) { /* private mode */ }
      });
      panel.appendChild(toggle);
      panel.appendChild(element("p", { id: "wb-preview-status", role: "status" }));
      panel.appendChild(element("ul", { id: "wb-preview-list" }));
      document.body.appendChild(panel);
      var closed = false;
      try { closed = sessionStorage.getItem("wb-preview-closed") === "1"; } catch (e) { /* private mode */ }
      if (closed) toggle.click();
    }
    var count = state.findings.length;
    panel.querySelector("button").textContent = "Check findings (" + count + ")";
    panel.querySelector("#wb-preview-status").textContent = state.building ? "Rebuilding…"
      : state.checking ? "Built; checking…"
      : (state.ok ? "Built and checked at " + state.time + " in " + state.seconds.toFixed(2) + " s"
        : "The last build has mistakes");
    var list = panel.querySelector("ul");
    list.textContent = "";
    state.findings.forEach(function (line) { list.appendChild(element("li", {}, line)); });
    if (!count) list.appendChild(element("li", {}, state.ok ? "No warnings." : "The checks run once the project builds."));
  }

  function apply(state) {
    if (!state.build) return; // the first build is still running
    showFindings(state);
    if (state.building) return;
    if (!state.ok) return showOverlay(state.errors);
    hideOverlay();
    if (stale(state)) window.location.reload();
  }

  var source = new EventSource("/_preview/events");
  source.addEventListener("state", function (event) { apply(JSON.parse(event.data)); });
  window.addEventListener("pagehide", function () { source.close(); });
})();
