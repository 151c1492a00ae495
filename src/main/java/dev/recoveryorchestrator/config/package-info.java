/** Engine-wide settings only: security filters, the engine clock, retry cycles, problem details, secret checks. */
package dev.recoveryorchestrator.config;
