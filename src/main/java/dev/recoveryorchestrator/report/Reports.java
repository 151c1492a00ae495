package dev.recoveryorchestrator.report;

import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.config.LocalTimes;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.TimelineCode;
import dev.recoveryorchestrator.notify.Audience;
import dev.recoveryorchestrator.notify.Notifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Writes and serves post-incident reports. Each version is stored in {@code ro_incident_report} (so it outlives
 * Camunda's history cleanup and the files) and written once to {@code recovery.reports-dir}: the incident's name is
 * {@code YYYY-MM-DD} (the day it began, in {@code recovery.time-zone}), {@code YYYY-MM-DD-2} for the second that day
 * and so on; the final report is {@code <name>.md}, the draft {@code <name>-draft.md}. A file is written to a
 * temporary file in the same folder and then linked to its name, which fails rather than replace anything there.
 */
@Service
class Reports {

    private final IncidentService incidents;
    private final ReportStore store;
    private final ReportSettings settings;
    private final LocalTimes times;
    private final Notifier notifier;

    Reports(IncidentService incidents, ReportStore store, ReportSettings settings, LocalTimes times, Notifier notifier) {
        this.incidents = incidents;
        this.store = store;
        this.settings = settings;
        this.times = times;
        this.notifier = notifier;
    }

    /** The report as it stands now, not stored: what {@code GET .../report} shows before anything was written. */
    String current(Incident incident) {
        Review review = store.review(incident.id());
        return ReportText.render(incident, incidents.timeline(incident.id()), incidents.checklist(incident.id()), review,
                review.reviewed(), times);
    }

    /** The newest written version, else the report as it stands now. */
    Optional<String> latestOrCurrent(String incidentId) {
        return store.latest(incidentId).map(ReportStore.StoredReport::content)
                .or(() -> incidents.find(incidentId).map(this::current));
    }

    /**
     * Writes a new version (a draft until the review is done), notes it in the timeline and, when {@code tell}, mails it
     * to everyone involved. Runs in a job: a failure rolls back the row and the note, and the retry finds the file it already
     * wrote (same content) instead of writing another.
     */
    ReportStore.StoredReport write(String incidentId, boolean tell) throws IOException {
        Incident incident = incidents.find(incidentId).orElseThrow();
        Review review = store.review(incidentId);
        boolean isFinal = review.reviewed();
        List<ReportStore.StoredReport> written = store.reports(incidentId);
        // The note comes first so that the report's own checklist shows it written.
        incidents.noteBy(incidentId, TimelineCode.REPORT_WRITTEN, isFinal ? "확정본 작성" : "초안 작성", null);
        String content = ReportText.render(incident, incidents.timeline(incidentId), incidents.checklist(incidentId),
                review, isFinal, times);
        Path dir = settings.reportsDir();
        Files.createDirectories(dir);
        String name = written.isEmpty() ? freeName(dir, times.day(incident.openedAt()), content, isFinal)
                : baseOf(written.get(0).fileName());
        String fileName = name + (isFinal ? ".md" : "-draft.md");
        writeOnce(dir.resolve(fileName), content);
        ReportStore.StoredReport report = new ReportStore.StoredReport(incidentId, written.size() + 1, isFinal,
                fileName, EngineClock.now(), content);
        store.addReport(report);
        incidents.noteBy(incidentId, TimelineCode.REPORT_WRITTEN, (isFinal ? "확정본" : "초안") + " 저장: "
                + dir.resolve(fileName).toAbsolutePath(), null);
        if (tell) {
            notifier.send(Audience.involved(), "post-incident-report", incidentId, Map.of(
                    "reportKind", isFinal ? "확정본" : "초안",
                    "reportFile", fileName,
                    "report", content));
        }
        return report;
    }

    /** The first of YYYY-MM-DD, YYYY-MM-DD-2, ... that no stored report and no file in the folder uses. */
    private String freeName(Path dir, LocalDate day, String content, boolean isFinal) throws IOException {
        for (int n = 1; ; n++) {
            String base = n == 1 ? day.toString() : day + "-" + n;
            Path mine = dir.resolve(base + (isFinal ? ".md" : "-draft.md"));
            boolean takenByFile = Files.exists(dir.resolve(base + ".md")) || Files.exists(dir.resolve(base + "-draft.md"));
            if (takenByFile && Files.exists(mine) && !store.fileNameTaken(mine.getFileName().toString())
                    && Files.readString(mine, StandardCharsets.UTF_8).equals(content)) {
                return base; // written by an earlier try of this very job, whose transaction rolled back
            }
            if (!takenByFile && !store.fileNameTaken(base + ".md") && !store.fileNameTaken(base + "-draft.md")) {
                return base;
            }
        }
    }

    private static String baseOf(String fileName) {
        return fileName.endsWith("-draft.md") ? fileName.substring(0, fileName.length() - "-draft.md".length())
                : fileName.substring(0, fileName.length() - ".md".length());
    }

    /** Writes to a temporary file beside {@code target}, then links it to its name: never replaces a file. */
    private static void writeOnce(Path target, String content) throws IOException {
        if (Files.exists(target) && Files.readString(target, StandardCharsets.UTF_8).equals(content)) {
            return;
        }
        Path temp = Files.createTempFile(target.getParent(), ".report-", ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            try {
                Files.createLink(target, temp);
            } catch (UnsupportedOperationException e) {
                Files.move(temp, target); // no hard links on this file system: a move without REPLACE_EXISTING
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("report file " + target + " already exists; not replaced", e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
