/* The proposal editor: rows added in place, dimension sections shown as they are
   ticked, and nothing typed is lost. htmx autosaves the form while typing
   (hx-post on the form); this script keeps a copy of what was typed in
   localStorage until the server has it, so a session that ended or a dropped
   connection loses nothing, and brings it back when the step is opened again.
   Without JavaScript the page is a plain form: every button posts it. */
(function () {
  "use strict";

  var form = document.getElementById("step-form");
  if (!form) { return; }
  var key = form.getAttribute("data-storage-key");
  var serverSaved = Number(form.getAttribute("data-server-saved") || 0);

  function show(id, on) {
    var el = document.getElementById(id);
    if (el) { el.hidden = !on; }
  }

  // The status line by the buttons (seen while typing) says it too; the texts come from the page.
  function status(which) {
    var el = document.getElementById("save-status");
    if (el) {
      el.textContent = el.getAttribute("data-msg-" + which) || "";
      el.classList.add("is-problem");
    }
  }

  // --- What was typed, as {name: [values]} --------------------------------------------
  function snapshot() {
    var data = {};
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken" || typeof value !== "string") { return; }
      (data[name] = data[name] || []).push(value);
    });
    return data;
  }

  function keepLocally() {
    try {
      // "base": the server's time of the last save this page heard of (no clock of ours involved).
      localStorage.setItem(key, JSON.stringify({ base: serverSaved, t: Date.now(), data: snapshot() }));
    } catch (e) { /* storage full or disabled: the server stash still has the last autosave */ }
  }

  function readLocal() {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function forgetLocal() {
    try { localStorage.removeItem(key); } catch (e) { /* nothing to forget */ }
  }

  // --- Rows: add one from the formset's <template> without a round trip ----------------
  function addRow(prefix) {
    var total = form.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var tpl = document.getElementById("tpl-" + prefix);
    var rows = document.getElementById("rows-" + prefix);
    if (!total || !tpl || !rows) { return null; }
    var index = Number(total.value);
    var html = tpl.innerHTML.replace(/__prefix__/g, String(index)).replace(/__num__/g, String(index + 1));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    var empty = rows.querySelector(".no-rows");
    if (empty) { empty.remove(); }
    rows.appendChild(row);
    total.value = String(index + 1);
    return row;
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-add]");
    if (!button) { return; }
    event.preventDefault();
    var row = addRow(button.getAttribute("data-add"));
    var first = row && row.querySelector("input, select, textarea");
    if (first) { first.focus(); }
  });

  // --- Dimensions: a ticked dimension shows its section at once -------------------------
  function syncSections() {
    form.querySelectorAll("input[name='dimensions']").forEach(function (box) {
      var section = document.getElementById("dim-" + box.value);
      if (section) { section.hidden = !box.checked; }
    });
  }
  form.addEventListener("change", function (event) {
    if (event.target.name === "dimensions") { syncSections(); }
  });
  document.querySelectorAll(".nojs-only").forEach(function (el) { el.hidden = true; });

  // --- Autosave outcomes (htmx events on the form) ---------------------------------------
  form.addEventListener("htmx:beforeRequest", function () {
    // Kept until the server confirms, so a closed tab or a failed request loses nothing.
    keepLocally();
  });
  form.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful) {
      var at = Number(event.detail.xhr.getResponseHeader("X-Saved-At") || 0);
      if (at) { serverSaved = at; }
      forgetLocal();
      document.getElementById("save-status").classList.remove("is-problem");
      show("session-ended", false);
      show("save-failed", false);
    }
  });
  form.addEventListener("htmx:responseError", function (event) {
    var code = event.detail.xhr ? event.detail.xhr.status : 0;
    keepLocally();
    if (code === 401 || code === 403) {
      show("session-ended", true);
      status("session");
    } else {
      show("save-failed", true);
      status("failed");
    }
  });
  form.addEventListener("htmx:sendError", function () {
    keepLocally();
    show("save-failed", true);
    status("failed");
  });

  // After a refused save the summary of errors takes the focus, so it is read out first.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  // --- Bring back what was kept on this computer, when newer than the server's copy -----
  function fill(data) {
    Object.keys(data).forEach(function (name) {
      var m = /^(.*)-TOTAL_FORMS$/.exec(name);
      if (!m) { return; }
      var total = form.querySelector("input[name='" + name + "']");
      var want = Number(data[name][0]);
      while (total && Number(total.value) < want && addRow(m[1])) { /* add the rows typed */ }
    });
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.type === "submit" || el.type === "button") { return; }
      if (/-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$/.test(el.name)) { return; }
      var values = data[el.name] || [];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = values.indexOf(el.value) !== -1;
      } else if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = values.indexOf(o.value) !== -1; });
      } else if (Object.prototype.hasOwnProperty.call(data, el.name)) {
        el.value = values[0];
      }
    });
    syncSections();
  }

  // Newer than the server's copy: typed after the last save the server has.
  var kept = readLocal();
  if (kept && kept.data && kept.base >= serverSaved) {
    fill(kept.data);
    show("local-restored", true);
    // Save it now: htmx listens for "input" on the form.
    window.addEventListener("load", function () {
      form.dispatchEvent(new Event("input", { bubbles: true }));
    });
  } else if (kept) {
    forgetLocal(); // the server already has something newer
  }
}());
