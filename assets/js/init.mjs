// Start GOV.UK Frontend's JavaScript (skip link focus, mobile service navigation).
// Loaded as a module from the site itself, so no inline script beyond GOV.UK's own snippet is needed.
// Components that fail to start are reported as console errors, which the browser gate fails on.
import { initAll } from "./govuk-frontend.min.js";

initAll({
  onError(error, context) {
    console.error("GOV.UK Frontend could not start a component", error, context);
  },
});
