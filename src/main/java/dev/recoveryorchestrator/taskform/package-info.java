/**
 * What a responder sees in Tasklist: every human task's form (generated from the task's {@code camunda:formData}
 * and served at {@code /forms/{process}/{task}.html}) shows the incident's context next to the decision it asks
 * for; every task gets the RTO deadline as due date and the next tier's time as follow-up date; and the Tasklist
 * filters for the tiers.
 */
package dev.recoveryorchestrator.taskform;
