/* Staff pages: after htmx swapped the complaint list, tell screen readers what it shows, and
   put the focus back on the list when the link that was used went with the swap.
   Written for htmx 4 (htmx:after:swap), with htmx 2's name as well. */
(function () {
  "use strict";
  function afterSwap() {
    var count = document.getElementById("complaint-count");
    var status = document.getElementById("list-status");
    if (!count) { return; }
    if (status) { status.textContent = count.textContent.trim(); }
    var active = document.activeElement;
    if (!active || active === document.body || !active.isConnected) { count.focus(); }
  }
  document.addEventListener("htmx:after:swap", afterSwap);
  document.addEventListener("htmx:afterSwap", afterSwap);
}());
