/**
 * Notifications: incident mail rendered from Korean templates, queued as {@code notification-mail} process
 * instances and sent asynchronously with retries; logged instead when no SMTP host is configured.
 */
package dev.recoveryorchestrator.notify;
