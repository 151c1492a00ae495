package dev.recoveryorchestrator.report;

import dev.recoveryorchestrator.config.Durations;
import dev.recoveryorchestrator.config.LocalTimes;
import dev.recoveryorchestrator.incident.ChecklistItem;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentSteps;
import dev.recoveryorchestrator.incident.Scope;
import dev.recoveryorchestrator.incident.TimelineCode;
import dev.recoveryorchestrator.incident.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The post-incident report in the runbook's template (사후 보고서 템플릿), section by section and in its order —
 * {@code # Incident Report: YYYY-MM-DD}, {@code ## 개요} (발생 시각, 복구 시각, 다운타임 as {@link Durations#words} writes
 * it, 영향 범위), {@code ## 원인}, {@code ## 복구 과정} (numbered: time, step, actor, outcome), {@code ## 재발 방지 대책}
 * (checkboxes), {@code ## 교훈} — followed by the checklist as an appendix. A draft (not yet reviewed) says so under the
 * title; when no review was asked for ({@link ReviewRule}), it says that instead, with the reasons the timeline gives.
 * Everything that came from outside goes through {@link Markdown}.
 */
final class ReportText {

    /** The report lists at most this many steps; the timeline in the API has the rest. */
    static final int MAX_STEPS = 300;
    static final String DRAFT_MARK = "> **초안** - 사후 검토 전입니다. 검토가 끝나면 확정본이 따로 저장됩니다.";
    /** How a report without a review begins under its title; the timeline's reasons follow. */
    static final String NO_REVIEW_MARK = "> **초안** - 사후 검토를 요청하지 않았습니다 (확정본 없음): ";

    private ReportText() {
    }

    static String render(Incident incident, List<TimelineEntry> timeline, List<ChecklistItem> checklist, Review review,
            boolean isFinal, LocalTimes times) {
        Optional<String> notAsked = review.reviewed() ? Optional.empty() : notAsked(timeline);
        String pending = notAsked.isPresent() ? "(사후 검토 없음)" : "(사후 검토 전)";
        StringBuilder md = new StringBuilder();
        md.append("# Incident Report: ").append(times.day(incident.openedAt())).append("\n\n");
        if (!isFinal) {
            md.append(notAsked.map(why -> NO_REVIEW_MARK + Markdown.line(why, 500)).orElse(DRAFT_MARK)).append("\n\n");
        }
        md.append("## 개요\n");
        md.append("- **발생 시각**: ").append(times.minute(incident.openedAt())).append('\n');
        md.append("- **복구 시각**: ").append(times.minute(incident.recoveredAt())).append('\n');
        md.append("- **다운타임**: ").append(incident.downtime() == null ? "-" : Durations.words(incident.downtime()))
                .append('\n');
        md.append("- **영향 범위**: ").append(Markdown.line(Scope.parse(incident.scope()).map(Scope::koreanName)
                .orElse(incident.scope()), 100)).append('\n');
        md.append("\n## 원인\n");
        md.append(review.reviewed() ? Markdown.block(review.cause()) : pending + " 자동 진단: "
                + Markdown.line(machineCause(checklist), 500)).append('\n');
        md.append("\n## 복구 과정\n");
        int n = 0;
        for (TimelineEntry entry : steps(incident, timeline)) {
            if (++n > MAX_STEPS) {
                md.append("\n(이후 단계는 GET /api/incidents/").append(incident.id()).append("의 timeline에 있음)\n");
                break;
            }
            md.append(n).append(". ").append(times.minute(entry.at())).append(" - ")
                    .append(Markdown.line(entry.step(), 80)).append(" (").append(Markdown.line(entry.actorName(), 100))
                    .append("): ").append(Markdown.line(entry.detail(), 300)).append('\n');
        }
        md.append("\n## 재발 방지 대책\n");
        if (review.measures().isEmpty()) {
            md.append(notAsked.isPresent() ? "(사후 검토 없음)\n" : "- [ ] (사후 검토에서 정함)\n");
        }
        review.measures().forEach(measure -> md.append("- [ ] ").append(Markdown.line(measure, 500)).append('\n'));
        md.append("\n## 교훈\n");
        md.append(!review.reviewed() ? pending : review.lessons() == null || review.lessons().isBlank()
                ? "(기록 없음)" : Markdown.block(review.lessons())).append('\n');
        md.append("\n---\n\n### 부록: 복구 체크리스트\n");
        for (ChecklistItem item : checklist) {
            md.append("- [").append(item.done() ? 'x' : ' ').append("] ").append(item.phase()).append(" - ")
                    .append(item.name());
            if (!item.applicable()) {
                md.append(": 해당 없음");
            } else if (item.done()) {
                md.append(": ").append(times.minute(item.at())).append(", ").append(Markdown.line(item.actor(), 100));
            }
            md.append('\n');
        }
        if (review.reviewed()) {
            md.append("\n검토: ").append(Markdown.line(review.reviewedBy(), 100)).append(", ")
                    .append(times.minute(review.reviewedAt())).append('\n');
        }
        if (review.docsUpdatedAt() != null) {
            md.append("\n문서 업데이트: ").append(Markdown.line(review.docsUpdatedBy(), 100)).append(", ")
                    .append(times.minute(review.docsUpdatedAt()))
                    .append(review.docsNote() == null || review.docsNote().isBlank() ? ""
                            : " - " + Markdown.line(review.docsNote(), 500)).append('\n');
        }
        return md.toString();
    }

    /**
     * The recovery as it happened: every entry up to the recovery, but the mails (the timeline keeps those). Entries
     * are recognised by their code ({@link TimelineCode}), never by their words.
     */
    private static List<TimelineEntry> steps(Incident incident, List<TimelineEntry> timeline) {
        Instant until = incident.recoveredAt() == null ? null : incident.recoveredAt();
        return timeline.stream()
                .filter(entry -> entry.code() == null || !entry.code().mail())
                .filter(entry -> until == null || !entry.at().isAfter(until) || entry.is(TimelineCode.RECOVERED))
                .toList();
    }

    /**
     * Why no review was asked for, when the timeline says none was ({@link TimelineCode#REVIEW_NOT_ASKED}): its text,
     * without the {@link IncidentSteps#NOT_ASKED} it begins with (when it still does).
     */
    private static Optional<String> notAsked(List<TimelineEntry> timeline) {
        String prefix = IncidentSteps.NOT_ASKED + ": ";
        return timeline.stream().filter(entry -> entry.is(TimelineCode.REVIEW_NOT_ASKED))
                .map(entry -> entry.detail().startsWith(prefix) ? entry.detail().substring(prefix.length())
                        : entry.detail())
                .findFirst();
    }

    private static String machineCause(List<ChecklistItem> checklist) {
        return checklist.stream().filter(item -> item.id().equals("cause-identified") && item.done())
                .map(ChecklistItem::evidence).findFirst().orElse("증상이 점검으로 확인되지 않음");
    }
}
