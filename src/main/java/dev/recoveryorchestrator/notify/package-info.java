/**
 * Notifications by audience: callers name who hears it ({@link dev.recoveryorchestrator.notify.Audience}: the
 * users, a tier, everyone involved, the holders of tasks) and a Korean template; this module resolves the audience
 * (groups through {@link dev.recoveryorchestrator.notify.GroupDirectory}, which escalation implements) and hands the
 * rendered notification to the audience's {@link dev.recoveryorchestrator.notify.Channel}s from
 * {@code recovery.notify}. Mail is the one channel today: queued as {@code notification-mail} process instances and
 * sent asynchronously with retries; logged instead when no SMTP host is configured.
 */
package dev.recoveryorchestrator.notify;
