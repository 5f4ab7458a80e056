// "Copy link": where the Clipboard API is available, the plain link to the page's
// canonical address becomes a button that copies it and says so in a live region.
(function () {
  "use strict";

  function upgrade(link) {
    var status = document.getElementById(link.getAttribute("data-share-status"));
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    while (link.firstChild) {
      button.appendChild(link.firstChild); // the label, with any visually hidden part of it
    }
    button.setAttribute("data-share-url", link.href);
    button.addEventListener("click", function () {
      status.textContent = "";
      navigator.clipboard.writeText(link.href).then(
        function () { status.textContent = link.getAttribute("data-copied-message"); },
        function () { status.textContent = link.getAttribute("data-failed-message"); }
      );
    });
    link.replaceWith(button);
  }

  function init() {
    if (!window.isSecureContext || !navigator.clipboard || !navigator.clipboard.writeText) {
      return; // the link stays a link: it can still be long-pressed or right-clicked and copied
    }
    document.querySelectorAll("a[data-share-copy]").forEach(upgrade);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
