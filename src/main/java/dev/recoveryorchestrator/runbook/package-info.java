/** The runbook's failure types, one sub-package each: the delegates bound to the tasks of its process. */
package dev.recoveryorchestrator.runbook;
