// Swagger UI for the simulator's own contract (served by simulator/control/docs.py).
// Both profiles are offered; ?profile=documented opens that one first. showExtensions puts every
// x-provenance / x-source on the page. validatorUrl null: no request to the public validator.
"use strict";

(function () {
  const base = new URL(".", window.location.href);  // the control plane, e.g. http://127.0.0.1:8000/_sim/
  const profile = new URLSearchParams(window.location.search).get("profile");

  // The documents' servers are Jasper's hosts; a request made from this page goes to this simulator.
  function toThisSimulator(request) {
    const url = new URL(request.url, window.location.href);
    const at = url.pathname.indexOf("/api/v1/");
    if (url.origin !== window.location.origin && at >= 0) {
      request.url = window.location.origin + url.pathname.slice(at) + url.search;
    }
    return request;
  }

  window.ui = SwaggerUIBundle({
    urls: [
      { url: new URL("openapi.json?profile=live", base).href, name: "live" },
      { url: new URL("openapi.json?profile=documented", base).href, name: "documented" },
    ],
    "urls.primaryName": profile === "documented" ? "documented" : "live",
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "StandaloneLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    defaultModelsExpandDepth: 1,
    defaultModelExpandDepth: 3,
    validatorUrl: null,
    requestInterceptor: toThisSimulator,
  });
})();
