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

  /* A step on the complaint page swapped in a new <main>: move the focus to what it says —
     the problem, the confirmation, or the new page's heading — as a page load would. */
  function afterStep() {
    var main = document.querySelector("main");
    if (!main || !main.querySelector("form.step")) { return; }
    if (main.contains(document.activeElement) && document.activeElement !== document.body) { return; }
    var target = main.querySelector(".error-summary") || document.getElementById("flash") ||
                 main.querySelector("h1");
    if (!target) { return; }
    if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
    target.focus();
  }
  document.addEventListener("htmx:after:swap", afterStep);
  document.addEventListener("htmx:afterSwap", afterStep);
}());

/* Every request htmx sends carries the page's CSRF token in a header (X-CSRFToken, which
   Flask-WTF reads), also when the form it sends has no token field of its own. */
(function () {
  "use strict";
  function addToken(event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    var ctx = event.detail && event.detail.ctx;
    var headers = ctx ? ctx.request.headers : event.detail.headers;   /* htmx 4, htmx 2 */
    if (meta && headers) { headers["X-CSRFToken"] = meta.content; }
  }
  document.addEventListener("htmx:config:request", addToken);
  document.addEventListener("htmx:configRequest", addToken);
}());
