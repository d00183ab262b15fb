/* The province picker: type part of a name (Thai or English) to see only the matching
   provinces; the chosen ones are counted in a live region. Without this script the list
   of check boxes works as it is. */
(function () {
  "use strict";
  function norm(s) { return (s || "").toLocaleLowerCase().replace(/\s+/g, ""); }
  function setUp(picker) {
    if (picker.dataset.ready) return;
    picker.dataset.ready = "1";
    var find = picker.querySelector("[data-picker-find]");
    var box = find.querySelector("input");
    var count = picker.querySelector("[data-picker-count]");
    var empty = picker.querySelector("[data-picker-empty]");
    var items = Array.prototype.slice.call(picker.querySelectorAll("li[data-search]"));
    find.hidden = false;
    function recount() {
      var n = picker.querySelectorAll("input[type=checkbox]:checked").length;
      count.textContent = n === 0 ? count.dataset.none
        : n === 1 ? count.dataset.one : count.dataset.many.replace("%(n)s", n);
    }
    function filter() {
      var q = norm(box.value), shown = 0;
      items.forEach(function (li) {
        var match = !q || norm(li.dataset.search).indexOf(q) !== -1;
        li.hidden = !match;
        if (match) shown += 1;
      });
      empty.hidden = shown !== 0;
    }
    box.addEventListener("input", filter);
    // Enter in the search box must not send the whole form.
    box.addEventListener("keydown", function (e) { if (e.key === "Enter") e.preventDefault(); });
    picker.addEventListener("change", recount);
    recount();
  }
  function all() { document.querySelectorAll("[data-picker]").forEach(setUp); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all); else all();
})();
