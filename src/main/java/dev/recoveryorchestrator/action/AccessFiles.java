package dev.recoveryorchestrator.action;

import com.healthmarketscience.jackcess.Database;
import com.healthmarketscience.jackcess.DatabaseBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Looks at an Access file the way the runbook's diagnosis does ({@code ls}, {@code stat}), then opens it with
 * Jackcess, read-only, to tell missing, no permission, damaged and fine apart. Nothing here writes.
 */
public final class AccessFiles {

    /** What the diagnosis concluded about the file. */
    public enum State {
        MISSING("없음"), NO_PERMISSION("권한 없음"), DAMAGED("손상"), FINE("정상");

        public final String korean;

        State(String korean) {
            this.korean = korean;
        }
    }

    /** {@code stat}: exists, readable and writable by this process's user, size, owner and mode. */
    public record Stat(boolean exists, boolean regularFile, boolean readable, boolean writable, long size, String owner,
            String mode) {

        public String describe() {
            if (!exists) {
                return "파일 없음";
            }
            return (regularFile ? "" : "일반 파일 아님, ") + "크기 " + size + " bytes, 읽기 " + (readable ? "가능" : "불가")
                    + ", 쓰기 " + (writable ? "가능" : "불가") + (owner == null ? "" : ", 소유자 " + owner + " " + mode);
        }
    }

    /** What Jackcess saw: the tables and their rows, or why it could not open the file. */
    public record Contents(State state, Map<String, Integer> rowCounts, String problem) {

        public String describe() {
            return state == State.FINE ? "테이블 " + rowCounts.size() + "개 " + rowCounts : state.korean + " - " + problem;
        }
    }

    private AccessFiles() {
    }

    public static Stat stat(Path file) {
        if (!Files.exists(file)) {
            return new Stat(false, false, false, false, 0, null, null);
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            size = -1;
        }
        String owner = null;
        String mode = null;
        try {
            PosixFileAttributes posix = Files.readAttributes(file, PosixFileAttributes.class);
            owner = posix.owner().getName() + ":" + posix.group().getName();
            mode = PosixFilePermissions.toString(posix.permissions());
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: the flags above still say what matters
        }
        return new Stat(true, Files.isRegularFile(file), Files.isReadable(file), Files.isWritable(file), size, owner, mode);
    }

    /** Opens the file read-only with Jackcess and counts each table's rows. */
    public static Contents open(Path file) {
        Stat stat = stat(file);
        if (!stat.exists()) {
            return new Contents(State.MISSING, Map.of(), "파일 없음: " + file);
        }
        if (!stat.readable() || !stat.writable()) {
            return new Contents(State.NO_PERMISSION, Map.of(), stat.describe());
        }
        try (Database db = new DatabaseBuilder(file.toFile()).setReadOnly(true).open()) {
            Map<String, Integer> counts = new TreeMap<>();
            for (String table : db.getTableNames()) {
                counts.put(table, db.getTable(table).getRowCount());
            }
            return new Contents(State.FINE, new LinkedHashMap<>(counts), "");
        } catch (IOException | RuntimeException e) {
            return new Contents(State.DAMAGED, Map.of(), e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }
}
