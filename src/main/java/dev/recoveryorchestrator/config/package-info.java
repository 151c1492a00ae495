/** Engine-wide settings only: security filters (with the per-client login throttle), engine plugins, the engine clock, retry cycles, problem details, secret checks. */
package dev.recoveryorchestrator.config;
