package dev.recoveryorchestrator.standin;

import com.healthmarketscience.jackcess.Column;
import com.healthmarketscience.jackcess.Database;
import com.healthmarketscience.jackcess.DatabaseBuilder;
import com.healthmarketscience.jackcess.Table;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stand-in's real data: the Access database {@code /api/predict} opens, the predictor config whose
 * {@code read_only_mode} it honours, and the env file whose {@code ACCESS_CONNECTION_STRING} names the database.
 * The files are read on every request, as a service that reconnects would, so a restored file or a corrected
 * connection string takes effect on the next request (the runbook still restarts the service).
 */
final class StandinData {

    private static final Pattern READ_ONLY = Pattern.compile("(?m)^read_only_mode:\\s*true\\s*(#.*)?$");
    private static final Pattern DBQ = Pattern.compile("(?i)(?:^|;)\\s*Dbq=([^;]*)");
    private static final int HEADER = 4096;
    private final Path databaseFile;
    private final Path predictorConfig;
    private final Path envFile;

    private StandinData(Path databaseFile, Path predictorConfig, Path envFile) {
        this.databaseFile = databaseFile;
        this.predictorConfig = predictorConfig;
        this.envFile = envFile;
    }

    /** From the command line; none (the stand-in answers without data) when {@code --database-file} is not given. */
    static StandinData of(Map<String, String> options) {
        if (!options.containsKey("database-file")) {
            return null;
        }
        return new StandinData(Path.of(options.get("database-file")),
                options.containsKey("predictor-config") ? Path.of(options.get("predictor-config")) : null,
                options.containsKey("env-file") ? Path.of(options.get("env-file")) : null);
    }

    /** What one prediction found: answered (from the database, or read-only without it) or the failure. */
    record Answer(boolean ok, boolean readOnly, int items, String detail) {
    }

    Answer predict(boolean save) {
        if (readOnly()) {
            return new Answer(true, true, 0, "read_only_mode");
        }
        Path file = connectedFile();
        try (Database db = new DatabaseBuilder(file.toFile()).setReadOnly(!save).setAutoSync(true).open()) {
            Table routing = db.getTable("routing");
            if (routing == null) {
                return new Answer(false, false, 0, file + ": no table routing");
            }
            int items = routing.getRowCount();
            if (save) {
                db.getTable("predictions").addRow(Column.AUTO_NUMBER, "ITEM-0001", new Date());
            }
            return new Answer(true, false, items, "");
        } catch (IOException | RuntimeException e) {
            return new Answer(false, false, 0, "[Microsoft][ODBC Microsoft Access Driver] " + file + ": " + e);
        }
    }

    Path databaseFile() {
        return databaseFile;
    }

    /** Overwrites the first 4 KB of the database: Access (and Jackcess) no longer recognise the file. */
    void damage() throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(databaseFile.toFile(), "rw")) {
            byte[] garbage = new byte[(int) Math.min(HEADER, file.length())];
            Arrays.fill(garbage, (byte) 0x5A);
            file.seek(0);
            file.write(garbage);
        }
    }

    private boolean readOnly() {
        return predictorConfig != null && read(predictorConfig).map(text -> READ_ONLY.matcher(text).find()).orElse(false);
    }

    /** The file {@code Dbq=} names in the env file's connection string; the configured file when there is none. */
    private Path connectedFile() {
        if (envFile == null) {
            return databaseFile;
        }
        return read(envFile).flatMap(text -> text.lines()
                        .filter(line -> line.startsWith("ACCESS_CONNECTION_STRING="))
                        .map(line -> DBQ.matcher(line.substring("ACCESS_CONNECTION_STRING=".length())))
                        .filter(Matcher::find).map(m -> m.group(1).strip()).findFirst())
                .map(Path::of).orElse(databaseFile);
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
