package dev.recoveryorchestrator.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The runbook's recovery checklist (복구 체크리스트: 즉시 / 복구 진행 중 / 복구 완료 후), read from what the incident's steps
 * already wrote to its timeline as they ran — nothing ticks a box by hand, so the list cannot say more than what
 * happened. Each line is ticked by the first timeline entry that shows it, with its time, its actor (a person, or
 * the orchestrator) and the entry as evidence. Human lines (재발 방지 대책 수립, 문서 업데이트) are ticked by the
 * review tasks' entries, and do not apply when no review was asked for ({@link IncidentSteps#NOT_ASKED}).
 */
final class Checklist {

    static final String AT_ONCE = "즉시";
    static final String DURING = "복구 진행 중";
    static final String AFTER = "복구 완료 후";
    /** The subjects of the mail templates {@code incident-opened} and {@code service-restored} begin so. */
    static final String OPENED_SUBJECT = "[장애 발생]";
    static final String RESTORED_SUBJECT = "[복구 완료]";
    /** A tracked or inline recovery command that ended well ({@code CheckActionDelegate}: "restart-backend 성공 (exit 0"). */
    private static final Pattern COMMAND_SUCCEEDED = Pattern.compile("^\\S+ 성공 \\(exit .*", Pattern.DOTALL);

    private Checklist() {
    }

    static List<ChecklistItem> of(Incident incident, List<TimelineEntry> timeline) {
        List<ChecklistItem> items = new ArrayList<>();
        items.add(line("record-time", AT_ONCE, "현재 시각 기록", timeline, step("현재 시각 기록")));
        items.add(line("identify-type", AT_ONCE, "장애 유형 확인 (Type 1-5)", timeline, step("장애 유형 확인")));
        items.add(line("identify-scope", AT_ONCE, "영향 범위 확인 (전체 / 부분 / 특정 기능)", timeline, step("영향 범위 확인")));
        items.add(line("notify-users", AT_ONCE, "사용자 알림 (Slack / Teams / 이메일)", timeline, mail(OPENED_SUBJECT)));
        items.add(acknowledged(timeline));
        items.add(line("log-snapshot", AT_ONCE, "로그 스냅샷", timeline,
                step("로그 스냅샷").and(e -> !e.detail().contains("(스냅샷 없음)"))));
        items.add(causeIdentified(incident, timeline));
        items.add(line("method-chosen", DURING, "복구 방법 선택", timeline, Checklist::methodChosen));
        if (incident.type() == FailureType.DATABASE_UNREACHABLE) {
            items.add(line("backup-checked", DURING, "백업 확인", timeline,
                    e -> e.step().equals("백업 확인") && e.detail().startsWith("백업 선택")));
        } else {
            items.add(new ChecklistItem("backup-checked", DURING, "백업 확인", false, false, null, null,
                    "해당 없음 (Type 2 데이터베이스 복원에서만)"));
        }
        items.add(line("recovery-command", DURING, "복구 명령 실행", timeline,
                e -> COMMAND_SUCCEEDED.matcher(e.detail()).matches() || e.detail().startsWith("조치 결과 확인: 적용됨")));
        items.add(line("health-passed", DURING, "헬스 체크 통과", timeline,
                e -> e.detail().startsWith("헬스 체크: 정상") || e.step().equals("복구 완료")));
        items.add(line("service-normal", AFTER, "서비스 정상 작동 확인", timeline, step("복구 완료")));
        items.add(line("notify-recovery", AFTER, "사용자 알림 (복구 완료)", timeline, mail(RESTORED_SUBJECT)));
        items.add(line("report-written", AFTER, "사후 보고서 작성", timeline, step(IncidentSteps.REPORT)));
        Optional<TimelineEntry> noReview = timeline.stream()
                .filter(step(IncidentSteps.REVIEW).and(e -> e.detail().startsWith(IncidentSteps.NOT_ASKED))).findFirst();
        if (noReview.isPresent()) {
            String why = "해당 없음 (" + IncidentSteps.REVIEW + " " + noReview.get().detail().lines().findFirst().orElse("")
                    + ")";
            items.add(new ChecklistItem("prevention-measures", AFTER, "재발 방지 대책 수립", false, false, null, null, why));
            items.add(new ChecklistItem("docs-updated", AFTER, "문서 업데이트", false, false, null, null, why));
        } else {
            items.add(line("prevention-measures", AFTER, "재발 방지 대책 수립", timeline,
                    step(IncidentSteps.REVIEW).and(e -> e.detail().startsWith(IncidentSteps.DONE))));
            items.add(line("docs-updated", AFTER, "문서 업데이트", timeline,
                    step(IncidentSteps.DOCS).and(e -> e.detail().startsWith(IncidentSteps.DONE))));
        }
        return List.copyOf(items);
    }

    /**
     * 담당자 확인 (ACK): someone said "I'm on it" (mail link, Tasklist claim, API). An automatic recovery that nobody
     * took part in (no review asked for that reason) needed nobody to acknowledge it: the line does not apply then.
     */
    private static ChecklistItem acknowledged(List<TimelineEntry> timeline) {
        ChecklistItem line = line("acknowledged", AT_ONCE, "담당자 확인 (ACK)", timeline, step(IncidentService.ACKNOWLEDGED));
        boolean automatic = timeline.stream().anyMatch(step(IncidentSteps.REVIEW)
                .and(e -> e.detail().startsWith(IncidentSteps.NOT_ASKED + ": " + IncidentSteps.AUTOMATIC)));
        return line.done() || !automatic ? line : new ChecklistItem("acknowledged", AT_ONCE, "담당자 확인 (ACK)", false,
                false, null, null, "해당 없음 (" + IncidentSteps.AUTOMATIC + ")");
    }

    /** 원인 파악: the symptom confirmed by a check (the runbook's confirmation, or the monitor's failed checks). */
    private static ChecklistItem causeIdentified(Incident incident, List<TimelineEntry> timeline) {
        if (incident.symptomConfirmedAt() == null) {
            return line("cause-identified", DURING, "원인 파악", List.of(), e -> false);
        }
        Optional<TimelineEntry> confirmation = timeline.stream()
                .filter(e -> e.step().equals("증상 확인") && !e.at().isBefore(incident.symptomConfirmedAt()))
                .findFirst();
        return new ChecklistItem("cause-identified", DURING, "원인 파악", true, true, incident.symptomConfirmedAt(),
                confirmation.map(TimelineEntry::actorName).orElse(TimelineEntry.MACHINE),
                confirmation.map(Checklist::evidence).orElse("감지 점검(모니터)으로 증상 확인"));
    }

    /** A person's choice (manual recovery, triage, the last resort), or the machine's first recovery action. */
    private static boolean methodChosen(TimelineEntry e) {
        return (e.step().equals("수동 복구") && e.detail().startsWith("선택:"))
                || (e.step().equals("증상 미확인") && e.detail().startsWith("선택: 그래도 진행"))
                || (e.step().equals("최후 수단") && e.detail().startsWith("승인:"))
                || e.detail().contains(" 시작: 백그라운드 작업");
    }

    private static Predicate<TimelineEntry> step(String step) {
        return e -> e.step().equals(step);
    }

    private static Predicate<TimelineEntry> mail(String subject) {
        return e -> e.step().equals("메일") && e.detail().startsWith(subject) && e.detail().contains(" → ");
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
