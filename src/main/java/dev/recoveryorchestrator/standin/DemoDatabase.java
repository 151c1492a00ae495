package dev.recoveryorchestrator.standin;

import com.healthmarketscience.jackcess.Column;
import com.healthmarketscience.jackcess.ColumnBuilder;
import com.healthmarketscience.jackcess.DataType;
import com.healthmarketscience.jackcess.Database;
import com.healthmarketscience.jackcess.Database.FileFormat;
import com.healthmarketscience.jackcess.DatabaseBuilder;
import com.healthmarketscience.jackcess.Table;
import com.healthmarketscience.jackcess.TableBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's real data, created at first start in the stand-in's folder and never overwritten afterwards: the Access
 * database {@code routing_data/ROUTING AUTO TEST.accdb} (written by Jackcess), three daily backups
 * {@code backup/routing_db_YYYYMMDD.accdb} (today's, taken an hour ago, and the two days before),
 * {@code config/predictor_config.yaml} with {@code read_only_mode: false} among comments and other keys, and the
 * {@code .env} file whose {@code ACCESS_CONNECTION_STRING} points at the database. Type 2's tour damages the
 * database and watches the runbook bring it back from the newest backup.
 */
public final class DemoDatabase {

    /** Where the stand-in's database lives under its folder, as {@code /mnt/data/routing_data/...} on the real host. */
    public static final String FILE = "routing_data/ROUTING AUTO TEST.accdb";
    public static final String CONFIG = "config/predictor_config.yaml";
    public static final String ENV = ".env";
    public static final String BACKUPS = "backup";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern BACKUP = Pattern.compile("routing_db_(\\d{8})\\.accdb");

    private DemoDatabase() {
    }

    /**
     * Creates what is missing of the demo's data; what exists is left as it is (a restart keeps the demo's state).
     * The backups are named for the days before {@code now} in {@code zone} ({@code recovery.time-zone}, the zone the
     * daily backup names its files in) and dated an hour, a day and an hour, two days and an hour before it.
     */
    public static void createIfMissing(Path dir, Instant now, ZoneId zone) throws IOException {
        Path database = dir.resolve(FILE);
        Files.createDirectories(database.getParent());
        if (!Files.exists(database)) {
            create(database, 25);
        }
        Path backups = dir.resolve(BACKUPS);
        Files.createDirectories(backups);
        try (var existing = Files.list(backups)) {
            if (existing.findAny().isEmpty()) {
                LocalDate today = now.atZone(zone).toLocalDate();
                for (int days = 0; days < 3; days++) {
                    Files.copy(database, backups.resolve("routing_db_" + DAY.format(today.minusDays(days)) + ".accdb"),
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
                dateBackups(backups, now, zone);
            }
        }
        Path config = dir.resolve(CONFIG);
        if (!Files.exists(config)) {
            Files.createDirectories(config.getParent());
            Files.writeString(config, """
                    # Routing ML predictor settings (stand-in demo)
                    model_path: deliverables/models/latest/model.pkl
                    # true: predictions are answered, nothing is saved (runbook Type 2 temporary measure)
                    read_only_mode: false
                    top_k: 5
                    """, StandardCharsets.UTF_8);
        }
        Path env = dir.resolve(ENV);
        if (!Files.exists(env)) {
            Files.writeString(env, "# Routing ML backend environment (stand-in demo)\nLOG_LEVEL=INFO\n"
                    + "ACCESS_CONNECTION_STRING=Driver={Microsoft Access Driver (*.mdb, *.accdb)};Dbq="
                    + database.toAbsolutePath().normalize() + ";\n", StandardCharsets.UTF_8);
        }
    }

    /**
     * Dates the demo's backups ({@code routing_db_YYYYMMDD.accdb}) from {@code now}: the one of today an hour before
     * it, each day before another day earlier, as a backup taken every night would be.
     */
    public static void dateBackups(Path backups, Instant now, ZoneId zone) throws IOException {
        LocalDate today = now.atZone(zone).toLocalDate();
        try (var files = Files.list(backups)) {
            for (Path backup : files.toList()) {
                Matcher name = BACKUP.matcher(backup.getFileName().toString());
                if (name.matches()) {
                    long days = ChronoUnit.DAYS.between(LocalDate.parse(name.group(1), DAY), today);
                    Files.setLastModifiedTime(backup, FileTime.from(now.minus(Duration.ofHours(1 + 24L * days))));
                }
            }
        }
    }

    /** A small routing database: {@code routing} with {@code rows} items and an empty {@code predictions} log. */
    public static void create(Path file, int rows) throws IOException {
        try (Database db = DatabaseBuilder.create(FileFormat.V2010, file.toFile())) {
            Table routing = new TableBuilder("routing")
                    .addColumn(new ColumnBuilder("id", DataType.LONG).setAutoNumber(true))
                    .addColumn(new ColumnBuilder("item_code", DataType.TEXT))
                    .addColumn(new ColumnBuilder("process", DataType.TEXT))
                    .addColumn(new ColumnBuilder("minutes", DataType.LONG))
                    .toTable(db);
            for (int i = 1; i <= rows; i++) {
                routing.addRow(Column.AUTO_NUMBER, String.format("ITEM-%04d", i), i % 2 == 0 ? "절단" : "용접", 5 + i % 7);
            }
            new TableBuilder("predictions")
                    .addColumn(new ColumnBuilder("id", DataType.LONG).setAutoNumber(true))
                    .addColumn(new ColumnBuilder("item_code", DataType.TEXT))
                    .addColumn(new ColumnBuilder("predicted_at", DataType.SHORT_DATE_TIME))
                    .toTable(db);
        }
    }
}
