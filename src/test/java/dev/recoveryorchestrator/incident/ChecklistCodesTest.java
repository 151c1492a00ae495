package dev.recoveryorchestrator.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checklist ticks its lines by the timeline entries' codes, not their words (issue 23): every finding reworded
 * (step and detail in other words) still ticks its line, and the old words without a code tick nothing.
 */
class ChecklistCodesTest {

    static final Instant OPENED = Instant.parse("2026-03-04T05:06:07Z");

    @Test
    void aLineStillTicksWhenItsFindingIsReworded() {
        Incident incident = incident(FailureType.DATABASE_UNREACHABLE, OPENED.plusSeconds(60));
        List<TimelineEntry> timeline = new ArrayList<>();
        Instant at = OPENED;
        for (TimelineCode code : List.of(TimelineCode.RECORD_TIME, TimelineCode.TYPE_IDENTIFIED,
                TimelineCode.SCOPE_IDENTIFIED, TimelineCode.USERS_NOTIFIED, TimelineCode.ACKNOWLEDGED,
                TimelineCode.LOG_SNAPSHOT, TimelineCode.SYMPTOM_CONFIRMED, TimelineCode.MANUAL_CHOICE,
                TimelineCode.BACKUP_CHOSEN, TimelineCode.ACTION_SUCCEEDED, TimelineCode.HEALTH_PASSED,
                TimelineCode.RECOVERED, TimelineCode.RECOVERY_NOTIFIED, TimelineCode.REPORT_WRITTEN,
                TimelineCode.REVIEW_DONE, TimelineCode.DOCS_UPDATED)) {
            at = at.plusSeconds(10);
            timeline.add(new TimelineEntry(at, "reworded " + code.ordinal(), "in other words: " + code.ordinal(),
                    "devops1", code));
        }

        List<ChecklistItem> checklist = Checklist.of(incident, timeline);

        assertThat(checklist).filteredOn(ChecklistItem::applicable).hasSize(16).allSatisfy(item ->
                assertThat(item.done()).as(item.id()).isTrue());
        assertThat(checklist).filteredOn(item -> item.id().equals("health-passed")).singleElement()
                .satisfies(item -> assertThat(item.evidence()).isEqualTo("reworded " + TimelineCode.HEALTH_PASSED.ordinal()
                        + ": in other words: " + TimelineCode.HEALTH_PASSED.ordinal()));
    }

    @Test
    void theOldWordsWithoutTheirCodeTickNothing() {
        Incident incident = incident(FailureType.BACKEND_API_DOWN, null);
        List<TimelineEntry> timeline = List.of(
                new TimelineEntry(OPENED, "현재 시각 기록", "발생 " + OPENED),
                new TimelineEntry(OPENED, "메일", "[장애 발생] Type 1 백엔드 API 다운 → users@routing-ml.test"),
                new TimelineEntry(OPENED, "수동 복구", "선택: restart (devops1)", "devops1"),
                new TimelineEntry(OPENED, "서비스 재시작", "restart-backend 성공 (exit 0, 3초)"),
                new TimelineEntry(OPENED, "헬스 체크", "헬스 체크: 정상 - 200"),
                new TimelineEntry(OPENED, "복구 완료", "헬스 체크 통과, 서비스 정상 작동 확인"),
                new TimelineEntry(OPENED, IncidentSteps.REVIEW, IncidentSteps.NOT_ASKED + ": " + IncidentSteps.AUTOMATIC));

        assertThat(Checklist.of(incident, timeline)).filteredOn(ChecklistItem::done).isEmpty();
    }

    static Incident incident(FailureType type, Instant symptomConfirmedAt) {
        return new Incident("00000000-0000-0000-0000-000000000023", type, "routing-ml", "all", null, "test", null,
                IncidentState.RECOVERED, null, false, OPENED, OPENED.plusSeconds(14_400), OPENED.plusSeconds(600),
                java.time.Duration.ofSeconds(600), null, symptomConfirmedAt, null, null, null, null, false);
    }
}
