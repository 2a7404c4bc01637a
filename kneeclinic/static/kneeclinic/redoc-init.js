// Starts ReDoc from a file, not an inline script, so the Content-Security-Policy holds.
(function () {
  "use strict";
  var container = document.getElementById("redoc-container");
  var settings = JSON.parse(document.getElementById("redoc-settings").textContent);
  Redoc.init(container.dataset.schemaUrl, settings, container);
})();
