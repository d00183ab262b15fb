/* Names for the Django admin's controls that come without one (WCAG 1.3.1, 4.1.2), measured by axe
   (tests/a11y/test_axe_more_pages.py):
   - a tabular inline's fields sit under a column heading, not a <label>: each gets the heading's
     words and its row number ("Summary 2"); the delete box gets "Delete? 2";
   - select2 (the autocomplete fields) adds a search box with no name, and a mouse-only "remove all"
     cross inside its list, which is not a list item: the box gets the field's label, the cross is
     hidden from assistive technology (Backspace removes a choice from the keyboard);
   - a read-only inline that scrolls sideways on a phone is a region reachable with the keyboard.
   Django's own templates stay as they are; select2 re-draws itself, so this runs again on change. */
(function () {
  "use strict";

  function text(el) {
    return (el.textContent || "").replace(/\s+/g, " ").trim();
  }

  function named(control) {
    if (control.getAttribute("aria-label") || control.getAttribute("aria-labelledby")) return true;
    return control.id && document.querySelector('label[for="' + CSS.escape(control.id) + '"]');
  }

  function labelTabularInlines() {
    document.querySelectorAll(".inline-group .tabular table").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), text);
      var row = 0;
      table.querySelectorAll("tbody tr.form-row").forEach(function (tr) {
        if (!tr.classList.contains("empty-form")) row += 1;
        Array.prototype.forEach.call(tr.children, function (td, i) {
          var head = heads[i];
          if (!head) return;
          td.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (control) {
            if (!named(control)) control.setAttribute("aria-label", head + (row ? " " + row : ""));
          });
        });
      });
    });
  }

  function fixSelect2() {
    document.querySelectorAll(".select2-container").forEach(function (box) {
      var select = box.previousElementSibling;
      var label = select && select.id && document.querySelector('label[for="' + CSS.escape(select.id) + '"]');
      box.querySelectorAll(".select2-search__field").forEach(function (field) {
        if (label && !field.getAttribute("aria-label")) field.setAttribute("aria-label", text(label));
      });
    });
    document.querySelectorAll(".select2-selection__rendered > .select2-selection__clear").forEach(function (x) {
      x.setAttribute("aria-hidden", "true");
    });
  }

  function scrollingInlines() {
    document.querySelectorAll(".inline-group").forEach(function (group) {
      var scrolls = group.scrollWidth > group.clientWidth + 1;
      var focusable = group.querySelector("a[href], input:not([type=hidden]), select, textarea, button");
      if (scrolls && !focusable) {
        var heading = group.querySelector("h2");
        group.setAttribute("tabindex", "0");
        group.setAttribute("role", "region");
        if (heading) group.setAttribute("aria-label", text(heading));
      } else if (group.getAttribute("tabindex") === "0" && !scrolls) {
        group.removeAttribute("tabindex");
        group.removeAttribute("role");
      }
    });
  }

  function all() {
    labelTabularInlines();
    fixSelect2();
    scrollingInlines();
  }

  var pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      all();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    all();
    new MutationObserver(soon).observe(document.body, { childList: true, subtree: true });
    window.addEventListener("resize", soon);
  });
})();
