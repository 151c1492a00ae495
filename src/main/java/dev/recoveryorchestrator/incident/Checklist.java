package dev.recoveryorchestrator.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The runbook's recovery checklist (복구 체크리스트: 즉시 / 복구 진행 중 / 복구 완료 후), read from what the incident's steps
 * already wrote to its timeline as they ran — nothing ticks a box by hand, so the list cannot say more than what
 * happened. Each line is ticked by the first timeline entry that shows it, with its time, its actor (a person, or
 * the orchestrator) and the entry as evidence. Entries are recognised by their {@link TimelineCode}, never by their
 * words: a step or a finding reworded for people unticks nothing. Human lines (재발 방지 대책 수립, 문서 업데이트) are
 * ticked by the review tasks' entries, and do not apply when no review was asked for
 * ({@link TimelineCode#REVIEW_NOT_ASKED}).
 */
final class Checklist {

    static final String AT_ONCE = "즉시";
    static final String DURING = "복구 진행 중";
    static final String AFTER = "복구 완료 후";

    private Checklist() {
    }

    static List<ChecklistItem> of(Incident incident, List<TimelineEntry> timeline) {
        List<ChecklistItem> items = new ArrayList<>();
        items.add(line("record-time", AT_ONCE, "현재 시각 기록", timeline, code(TimelineCode.RECORD_TIME)));
        items.add(line("identify-type", AT_ONCE, "장애 유형 확인 (Type 1-5)", timeline, code(TimelineCode.TYPE_IDENTIFIED)));
        items.add(line("identify-scope", AT_ONCE, "영향 범위 확인 (전체 / 부분 / 특정 기능)", timeline,
                code(TimelineCode.SCOPE_IDENTIFIED)));
        items.add(line("notify-users", AT_ONCE, "사용자 알림 (Slack / Teams / 이메일)", timeline,
                code(TimelineCode.USERS_NOTIFIED)));
        items.add(acknowledged(timeline));
        items.add(line("log-snapshot", AT_ONCE, "로그 스냅샷", timeline, code(TimelineCode.LOG_SNAPSHOT)));
        items.add(causeIdentified(incident, timeline));
        items.add(line("method-chosen", DURING, "복구 방법 선택", timeline, code(TimelineCode.MANUAL_CHOICE,
                TimelineCode.TRIAGE_PROCEED, TimelineCode.LAST_RESORT_APPROVED, TimelineCode.ACTION_STARTED)));
        if (incident.type() == FailureType.DATABASE_UNREACHABLE) {
            items.add(line("backup-checked", DURING, "백업 확인", timeline, code(TimelineCode.BACKUP_CHOSEN)));
        } else {
            items.add(new ChecklistItem("backup-checked", DURING, "백업 확인", false, false, null, null,
                    "해당 없음 (Type 2 데이터베이스 복원에서만)"));
        }
        items.add(line("recovery-command", DURING, "복구 명령 실행", timeline,
                code(TimelineCode.ACTION_SUCCEEDED, TimelineCode.ACTION_CONFIRMED_APPLIED)));
        items.add(line("health-passed", DURING, "헬스 체크 통과", timeline,
                code(TimelineCode.HEALTH_PASSED, TimelineCode.RECOVERED)));
        items.add(line("service-normal", AFTER, "서비스 정상 작동 확인", timeline, code(TimelineCode.RECOVERED)));
        items.add(line("notify-recovery", AFTER, "사용자 알림 (복구 완료)", timeline, code(TimelineCode.RECOVERY_NOTIFIED)));
        items.add(line("report-written", AFTER, "사후 보고서 작성", timeline, code(TimelineCode.REPORT_WRITTEN)));
        Optional<TimelineEntry> noReview = timeline.stream().filter(code(TimelineCode.REVIEW_NOT_ASKED)).findFirst();
        if (noReview.isPresent()) {
            String why = "해당 없음 (" + noReview.get().step() + " " + noReview.get().detail().lines().findFirst().orElse("")
                    + ")";
            items.add(new ChecklistItem("prevention-measures", AFTER, "재발 방지 대책 수립", false, false, null, null, why));
            items.add(new ChecklistItem("docs-updated", AFTER, "문서 업데이트", false, false, null, null, why));
        } else {
            items.add(line("prevention-measures", AFTER, "재발 방지 대책 수립", timeline, code(TimelineCode.REVIEW_DONE)));
            items.add(line("docs-updated", AFTER, "문서 업데이트", timeline, code(TimelineCode.DOCS_UPDATED)));
        }
        return List.copyOf(items);
    }

    /**
     * 담당자 확인 (ACK): someone said "I'm on it" (mail link, Tasklist claim, API). An automatic recovery that nobody
     * took part in (no review asked for, {@link TimelineCode#REVIEW_NOT_ASKED}, is only ever that) needed nobody to
     * acknowledge it: the line does not apply then.
     */
    private static ChecklistItem acknowledged(List<TimelineEntry> timeline) {
        ChecklistItem line = line("acknowledged", AT_ONCE, "담당자 확인 (ACK)", timeline, code(TimelineCode.ACKNOWLEDGED));
        boolean automatic = timeline.stream().anyMatch(code(TimelineCode.REVIEW_NOT_ASKED));
        return line.done() || !automatic ? line : new ChecklistItem("acknowledged", AT_ONCE, "담당자 확인 (ACK)", false,
                false, null, null, "해당 없음 (" + IncidentSteps.AUTOMATIC + ")");
    }

    /** 원인 파악: the symptom confirmed by a check (the runbook's confirmation, or the monitor's failed checks). */
    private static ChecklistItem causeIdentified(Incident incident, List<TimelineEntry> timeline) {
        if (incident.symptomConfirmedAt() == null) {
            return line("cause-identified", DURING, "원인 파악", List.of(), e -> false);
        }
        Optional<TimelineEntry> confirmation = timeline.stream()
                .filter(code(TimelineCode.SYMPTOM_CONFIRMED).and(e -> !e.at().isBefore(incident.symptomConfirmedAt())))
                .findFirst();
        return new ChecklistItem("cause-identified", DURING, "원인 파악", true, true, incident.symptomConfirmedAt(),
                confirmation.map(TimelineEntry::actorName).orElse(TimelineEntry.MACHINE),
                confirmation.map(Checklist::evidence).orElse("감지 점검(모니터)으로 증상 확인"));
    }

    /** An entry with one of these codes. */
    private static Predicate<TimelineEntry> code(TimelineCode... codes) {
        Set<TimelineCode> wanted = Set.of(codes);
        return e -> e.code() != null && wanted.contains(e.code());
    }

    private static ChecklistItem line(String id, String phase, String name, List<TimelineEntry> timeline,
            Predicate<TimelineEntry> shows) {
        return timeline.stream().filter(shows).findFirst()
                .map(e -> new ChecklistItem(id, phase, name, true, true, e.at(), e.actorName(), evidence(e)))
                .orElseGet(() -> new ChecklistItem(id, phase, name, false, true, null, null, null));
    }

    /** The entry's first line, short: a checklist shows what happened, the timeline has the rest. */
    private static String evidence(TimelineEntry e) {
        String first = e.detail().lines().findFirst().orElse("");
        return e.step() + ": " + (first.length() > 200 ? first.substring(0, 199) + "…" : first);
    }
}
