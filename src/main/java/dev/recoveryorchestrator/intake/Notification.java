package dev.recoveryorchestrator.intake;

import java.util.List;

/**
 * A webhook notification: a group of alerts.
 *
 * @param source {@code alertmanager} or {@code grafana}
 * @param truncatedAlerts how many alerts the sender left out ({@code max_alerts}); they come again in a later one
 */
record Notification(String source, String groupKey, int truncatedAlerts, List<ReceivedAlert> alerts) {
}
