/* A refused form sends the person back to its page with the reason in a role=alert box: the box
   takes the focus, so the reason is read out first and Tab goes on to its link to the field at
   fault (autofocus would not do: the browser skips it when the address names a part of the page,
   as "#voting" does, and going to that part moves the focus once more: so again at "load", unless
   the person has moved on). */
(function () {
  "use strict";
  function focus() {
    var box = document.querySelector(".messages-refused");
    if (box) { box.focus(); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", focus); } else { focus(); }
  window.addEventListener("load", function () {
    var now = document.activeElement;
    if (!now || now === document.body || now === document.documentElement) { focus(); }
  });
}());
