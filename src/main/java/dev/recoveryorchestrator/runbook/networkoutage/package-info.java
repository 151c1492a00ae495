/**
 * Type 3, 네트워크 장애: the delegates and task listeners of {@code runbook-network-outage}, the host's reachability
 * (also the lifecycle's recovery check for this type) and the reading of firewall listings.
 */
package dev.recoveryorchestrator.runbook.networkoutage;
