/**
 * Type 2, Access Database 접근 불가: the delegates of {@code runbook-database-unreachable} and the file work they
 * need — diagnosing the {@code .accdb} (exists, permissions, size, opened with Jackcess), the network share and the
 * connection string; finding the newest backup that opens; restoring it by copy and atomic move with the damaged file
 * moved aside; and read-only mode, the temporary measure and this type's last resort.
 */
package dev.recoveryorchestrator.runbook.databaseunreachable;
