/**
 * The stand-in Routing ML backend: a small JDK-only HTTP server run as its own OS process, and its supervisor,
 * which the demo and the tests use as the protected target.
 */
package dev.recoveryorchestrator.standin;
