package dev.recoveryorchestrator.incident;

import java.time.Instant;

/**
 * One line of the runbook's recovery checklist (복구 체크리스트) for one incident.
 *
 * @param id a stable English id ({@code record-time}, {@code notify-users}, ...)
 * @param phase {@code 즉시} (at once), {@code 복구 진행 중} (during) or {@code 복구 완료 후} (after)
 * @param name the runbook's words
 * @param done whether it has been done
 * @param applicable false for a line that does not concern this incident (백업 확인 outside Type 2; the review's two
 *     lines when no review was asked for)
 * @param at when it was done; null while not done
 * @param actor who did it: a user id, or {@code 시스템}; null while not done
 * @param evidence the timeline entry that shows it (or why it is not done yet, when a step tried and failed)
 */
public record ChecklistItem(String id, String phase, String name, boolean done, boolean applicable, Instant at,
        String actor, String evidence) {
}
