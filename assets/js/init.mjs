// Start GOV.UK Frontend's JavaScript (skip link focus, mobile service navigation).
// Loaded as a module from the site itself, so no inline script beyond GOV.UK's own snippet is needed.
import { initAll } from "./govuk-frontend.min.js";

initAll();
