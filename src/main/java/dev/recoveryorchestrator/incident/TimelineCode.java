package dev.recoveryorchestrator.incident;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a timeline entry records, as a fixed code next to its words. The checklist and the post-incident report read
 * the code, never the entry's text: the step names and the details are written for people and may be reworded
 * without unticking a checklist line. Stored in {@code ro_incident_event.code} by its name (Flyway V22, which gave
 * the entries written before it their code from their old text); an entry that no reader needs to recognise has none.
 *
 * <p>Its {@link #label()} is the Korean step name the entry is written under when the writer passes only the code
 * ({@link IncidentService#note(String, TimelineCode, String)}). The codes marked "any step" are written under a step
 * named by the runbook (the action's step, such as 서비스 재시작); their label only says what they mean.
 */
public enum TimelineCode {

    /** The incident's opening time and RTO target were recorded (lifecycle). */
    RECORD_TIME("현재 시각 기록"),
    /** The failure type was recorded (lifecycle). */
    TYPE_IDENTIFIED("장애 유형 확인"),
    /** The scope was recorded (lifecycle). */
    SCOPE_IDENTIFIED("영향 범위 확인"),
    /** The target log's last lines were saved (or had been saved already). */
    LOG_SNAPSHOT("로그 스냅샷"),
    /** No log snapshot could be taken. */
    LOG_SNAPSHOT_MISSING("로그 스냅샷"),
    /** A check confirmed the symptom the incident is about. */
    SYMPTOM_CONFIRMED("증상 확인"),
    /** A runbook's symptom confirmation did not confirm it. */
    SYMPTOM_NOT_CONFIRMED("증상 확인"),
    /** A responder acknowledged the incident ("I'm on it"). */
    ACKNOWLEDGED("확인(ACK)"),
    /** The mail {@code incident-opened} went out (the users were told). */
    USERS_NOTIFIED("메일"),
    /** The mail {@code service-restored} went out. */
    RECOVERY_NOTIFIED("메일"),
    /** Any other mail or chat message, or one that could not go out. */
    MAIL("메일"),
    /** A person chose how to recover in the manual-recovery task. */
    MANUAL_CHOICE("수동 복구"),
    /** A person chose to proceed although the checks did not confirm the symptom (triage). */
    TRIAGE_PROCEED("증상 미확인"),
    /** The approver approved the last resort before the RTO target (RTO fallback). */
    LAST_RESORT_APPROVED("최후 수단"),
    /** Any step: a recovery action started as tracked background work. */
    ACTION_STARTED("조치 시작"),
    /** Any step: a tracked recovery action ended well. */
    ACTION_SUCCEEDED("조치 성공"),
    /** Any step: a person confirmed that an action whose node was lost took effect. */
    ACTION_CONFIRMED_APPLIED("조치 결과 확인: 적용됨"),
    /** Type 2: the backup to restore was chosen. */
    BACKUP_CHOSEN("백업 확인"),
    /** Type 2: a backup was skipped (damaged, unreadable). */
    BACKUP_SKIPPED("백업 확인"),
    /** Type 2: no usable backup was found. */
    BACKUP_MISSING("백업 확인"),
    /** The runbook's health check after a recovery action passed. */
    HEALTH_PASSED("헬스 체크"),
    /** The runbook's health check after a recovery action failed. */
    HEALTH_FAILED("헬스 체크"),
    /** The incident recovered: the lifecycle's health checks passed. */
    RECOVERED("복구 완료"),
    /** A post-incident report (draft or final) was written or saved. */
    REPORT_WRITTEN(IncidentSteps.REPORT),
    /** At recovery, a review was asked for (with the reasons). */
    REVIEW_ASKED(IncidentSteps.REVIEW),
    /** At recovery, no review was asked for: an automatic recovery nobody took part in ({@code report.ReviewRule}). */
    REVIEW_NOT_ASKED(IncidentSteps.REVIEW),
    /** A person finished the review task. */
    REVIEW_DONE(IncidentSteps.REVIEW),
    /** A person finished the documentation-update task. */
    DOCS_UPDATED(IncidentSteps.DOCS);

    private static final Map<String, TimelineCode> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    private final String label;

    TimelineCode(String label) {
        this.label = label;
    }

    /** The Korean step name written with this code (for "any step" codes: what the code means). */
    public String label() {
        return label;
    }

    /** Whether an entry with this code is about a mail or a chat message (the report leaves them out). */
    public boolean mail() {
        return this == USERS_NOTIFIED || this == RECOVERY_NOTIFIED || this == MAIL;
    }

    /**
     * The code stored as {@code name}; null for none, and for a name this version does not know (written by a newer
     * node during a rolling update): such an entry still shows, it ticks nothing.
     */
    static TimelineCode of(String name) {
        return name == null ? null : BY_NAME.get(name);
    }
}
