/**
 * The orchestrator watched from outside: the metrics that are not an incident's own (open incidents by tier and
 * acknowledgement, the RTO objectives), each node's heartbeat (its last monitor round and job acquisition, the
 * dead-man's switch of docs/operations.md), the health of the mail server, and the public status page.
 */
package dev.recoveryorchestrator.observe;
