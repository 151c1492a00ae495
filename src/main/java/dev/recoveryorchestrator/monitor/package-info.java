/** Detection: polls the target's health endpoint and opens an incident when it keeps failing. */
package dev.recoveryorchestrator.monitor;
