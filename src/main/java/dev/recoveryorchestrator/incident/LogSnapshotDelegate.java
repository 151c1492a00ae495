package dev.recoveryorchestrator.incident;

import dev.recoveryorchestrator.action.LogFiles;
import dev.recoveryorchestrator.action.LogFiles.LogRead;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.config.TimeZoneSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_TakeLogSnapshot} (로그 스냅샷): the target log's last lines into
 * {@code incident_YYYYMMDD_HHMM.log}. An existing snapshot is never overwritten: a second incident in the same
 * minute gets the incident's short id appended. A log that is missing or cannot be read is recorded in the timeline
 * as the finding it is, and the step completes: there is nothing to snapshot, and retrying would not change that.
 */
@Component("logSnapshotDelegate")
class LogSnapshotDelegate implements JavaDelegate {

    private final IncidentService incidents;
    private final TargetSettings target;
    private final LifecycleSettings settings;
    /** {@code yyyyMMdd_HHmm} in {@code recovery.time-zone}, as every other name the application gives a file. */
    private final DateTimeFormatter name;

    LogSnapshotDelegate(IncidentService incidents, TargetSettings target, LifecycleSettings settings,
            TimeZoneSettings zone) {
        this.incidents = incidents;
        this.target = target;
        this.settings = settings;
        this.name = DateTimeFormatter.ofPattern("yyyyMMdd_HHmm").withZone(zone.timeZone());
    }

    @Override
    public void execute(DelegateExecution execution) throws IOException {
        String incidentId = IncidentVariables.incidentId(execution);
        LogRead log = LogFiles.tail(target.logFile(), settings.snapshotLines());
        if (log.failed()) {
            incidents.note(incidentId, TimelineCode.LOG_SNAPSHOT_MISSING, log.problem() + " (스냅샷 없음)");
            return;
        }
        List<String> lines = log.lines();
        Files.createDirectories(settings.snapshotDir());
        String stem = "incident_" + name.format(IncidentVariables.openedAt(execution));
        Path snapshot = write(settings.snapshotDir().resolve(stem + ".log"), lines);
        String ownName = stem + "_" + Incident.shortId(incidentId) + ".log";
        if (snapshot == null) {
            snapshot = write(settings.snapshotDir().resolve(ownName), lines);
        }
        if (snapshot == null) {
            incidents.note(incidentId, TimelineCode.LOG_SNAPSHOT, "이미 저장됨: " + ownName);
            return;
        }
        incidents.note(incidentId, TimelineCode.LOG_SNAPSHOT, snapshot.toAbsolutePath() + " (" + lines.size() + "줄, 원본 "
                + target.logFile() + ")");
    }

    /** Creates the file, or returns null when it exists already. */
    private static Path write(Path file, List<String> lines) throws IOException {
        try {
            return Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            return null;
        }
    }
}
