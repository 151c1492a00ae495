/*
 * Cockpit's configuration in this application (it replaces the webapp's own config.js, whose settings are all
 * defaults). The audit trail plugin shows running and finished instances from the engine's history, which Cockpit
 * Community Edition does not: see docs/audit-trail.md.
 */
export default {
  customScripts: [
    'scripts/audit-trail.js'
  ],
  disableWelcomeMessage: true
};
