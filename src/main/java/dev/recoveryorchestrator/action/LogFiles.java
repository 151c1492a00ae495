package dev.recoveryorchestrator.action;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the target's log: its last lines ({@code tail -n}), its size, the error lines written after a point, and
 * what is new since the last read ({@code tail -F}, for the monitor's log checks).
 *
 * <p>The log is evidence, so reading it never fails quietly and never fails loudly: a missing or unreadable file
 * is a {@link LogRead#problem() problem} the caller records as a finding (never "no errors"); bytes that are not
 * UTF-8 (a cp949 traceback) become U+FFFD; and only the end of the file is read, however large it is (the runbook
 * allows 10 GB logs).
 */
public final class LogFiles {

    /** The most {@link #errorsSince} reads: the newest part of what was written after the offset. */
    static final long MAX_SCAN = 16L * 1024 * 1024;
    /** The most {@link #tail} reads from the end of the file, whatever the number of lines asked for. */
    static final long MAX_TAIL = 8L * 1024 * 1024;
    static final int BLOCK = 64 * 1024;
    /** How many first bytes of a followed file tell it from the next one. */
    static final int HEAD = 256;
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
    private static final char REPLACEMENT = '\uFFFD';

    private LogFiles() {
    }

    /**
     * The last {@code count} lines, read backwards from the end of the file in blocks until enough lines are found or
     * {@value #MAX_TAIL} bytes are read. A line cut by that limit is left out, unless it is the only one.
     */
    public static LogRead tail(Path file, int count) {
        if (count <= 0) {
            return LogRead.of(List.of());
        }
        return read(file, channel -> tail(channel, count));
    }

    /** The file's size in bytes; 0 when it does not exist (a log not written yet). */
    public static long size(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0L;
        }
    }

    /**
     * The lines written from byte {@code offset} on that match {@code errorPattern}. A file shorter than the
     * offset was rotated or truncated: then the whole file is read. Of a very large remainder only the newest
     * {@value #MAX_SCAN} bytes are read.
     */
    public static LogRead errorsSince(Path file, long offset, Pattern errorPattern) {
        return read(file, channel -> {
            long from = offset >= 0 && offset <= channel.size() ? offset : 0;
            long start = Math.max(from, channel.size() - MAX_SCAN);
            List<String> lines = lines(readRange(channel, start, channel.size()));
            if (start > from && !lines.isEmpty()) {
                lines.remove(0); // begins somewhere inside a line
            }
            return lines.stream().filter(line -> errorPattern.matcher(line).find()).toList();
        });
    }

    /**
     * The lines written since {@code position}, as {@code tail -F} would follow them: only what is new, and the
     * file followed across rotation (a new file under the name: another inode) and truncation (shorter than the
     * offset), both read from their start. The first read ({@code position} null) only remembers where the file
     * ends: what was written before the follower began is not new. Of more than {@code maxBytes} new bytes only the
     * newest {@code maxBytes} are read (their first, cut line left out). A line still being written (no line break
     * yet) is left for the next read, unless it alone fills {@code maxBytes}.
     */
    public static Followed follow(Path file, LogPosition position, long maxBytes) {
        if (!Files.exists(file)) {
            return Followed.failed(position, "로그 파일 없음: " + file);
        }
        if (!Files.isRegularFile(file)) {
            return Followed.failed(position, "로그 파일 읽기 실패: " + file + " (일반 파일이 아님)");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Object fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            long size = channel.size();
            if (position == null) {
                return new Followed(List.of(), new LogPosition(fileKey, size, head(channel, size)), null, false);
            }
            // A new inode says rotated; so do different first bytes, as a file system may give a new file the old
            // file's inode (deleted, then created again).
            boolean replaced = fileKey != null && !fileKey.equals(position.fileKey())
                    || !java.util.Arrays.equals(head(channel, Math.min(size, position.head().length)), position.head());
            boolean restarted = replaced || size < position.offset();
            long from = restarted ? 0 : position.offset();
            long start = Math.max(from, size - maxBytes);
            ByteBuffer bytes = ByteBuffer.allocate((int) (size - start));
            readFully(channel, bytes, start);
            int end = bytes.position();
            int complete = end;
            while (complete > 0 && bytes.get(complete - 1) != '\n' && bytes.get(complete - 1) != '\r') {
                complete--;
            }
            if (complete == 0 && end < maxBytes) {
                complete = 0; // one unfinished line: wait for its end
            } else if (complete == 0) {
                complete = end; // a line longer than a whole read: take what there is
            }
            bytes.flip().limit(complete);
            List<String> lines = lines(decode(bytes));
            if (start > from && !lines.isEmpty()) {
                lines.remove(0); // begins somewhere inside a line
            }
            return new Followed(lines, new LogPosition(fileKey, start + complete, head(channel, start + complete)), null,
                    restarted);
        } catch (NoSuchFileException e) {
            return Followed.failed(position, "로그 파일 없음: " + file);
        } catch (AccessDeniedException e) {
            return Followed.failed(position, "로그 파일 읽기 실패: " + file + " (권한 없음)");
        } catch (IOException e) {
            return Followed.failed(position, "로그 파일 읽기 실패: " + file + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    /** The first bytes of the file, up to {@value #HEAD} and not past {@code limit}: which file this is. */
    private static byte[] head(SeekableByteChannel channel, long limit) throws IOException {
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(HEAD, limit));
        readFully(channel, head, 0);
        return java.util.Arrays.copyOf(head.array(), head.position());
    }

    /**
     * Where a follower stopped reading: the file (its inode, where the file system tells, and its first bytes) and
     * the offset after the last complete line read.
     */
    public record LogPosition(Object fileKey, long offset, byte[] head) {
    }

    /**
     * What following the log gave.
     *
     * @param lines the complete lines written since the last read
     * @param position where the next read begins (unchanged when the log could not be read)
     * @param problem why the log could not be read, or null
     * @param restarted the file was rotated or truncated since the last read, and read from its start
     */
    public record Followed(List<String> lines, LogPosition position, String problem, boolean restarted) {

        public Followed {
            lines = List.copyOf(lines);
        }

        static Followed failed(LogPosition position, String problem) {
            return new Followed(List.of(), position, problem, false);
        }

        public boolean failed() {
            return problem != null;
        }
    }

    /** Package-private so that a test can hand in a channel that counts what is read. */
    static List<String> tail(SeekableByteChannel channel, int count) throws IOException {
        long end = channel.size();
        long start = end;
        int breaks = 0;
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        // A final line break ends the last line; it does not start another one.
        int needed = count + (endsWithLineBreak(channel, end) ? 1 : 0);
        while (start > 0 && breaks < needed && end - start < MAX_TAIL) {
            int length = (int) Math.min(BLOCK, Math.min(start, MAX_TAIL - (end - start)));
            start -= length;
            block.clear().limit(length);
            readFully(channel, block, start);
            for (int i = 0; i < length; i++) {
                if (block.get(i) == '\n') {
                    breaks++;
                }
            }
        }
        List<String> lines = lines(readRange(channel, start, end));
        if (start > 0 && lines.size() > 1) {
            lines.remove(0); // begins somewhere inside a line
        } else if (start > 0 && lines.size() == 1) {
            lines.set(0, "…" + lines.get(0));
        }
        return lines.size() <= count ? lines : new ArrayList<>(lines.subList(lines.size() - count, lines.size()));
    }

    private static boolean endsWithLineBreak(SeekableByteChannel channel, long size) throws IOException {
        if (size == 0) {
            return false;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        readFully(channel, last, size - 1);
        return last.get(0) == '\n' || last.get(0) == '\r';
    }

    private static String readRange(SeekableByteChannel channel, long from, long to) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate((int) (to - from));
        readFully(channel, bytes, from);
        bytes.flip();
        return decode(bytes);
    }

    private static void readFully(SeekableByteChannel channel, ByteBuffer buffer, long position) throws IOException {
        channel.position(position);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                break; // the file shrank while we read it (rotated): what we have is what there is
            }
        }
    }

    /** UTF-8, every byte that is not UTF-8 replaced; NUL too, which neither PostgreSQL text nor a mail may hold. */
    static String decode(ByteBuffer bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            CharBuffer text = decoder.decode(bytes);
            return text.toString().replace('\0', REPLACEMENT);
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder reported " + e, e);
        }
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(LINE_BREAK.split(text, -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // after the final line break
        }
        return lines;
    }

    private static LogRead read(Path file, Reading reading) {
        if (!Files.exists(file)) {
            return LogRead.failed("로그 파일 없음: " + file);
        }
        if (!Files.isRegularFile(file)) {
            return LogRead.failed("로그 파일 읽기 실패: " + file + " (일반 파일이 아님)");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return LogRead.of(reading.from(channel));
        } catch (NoSuchFileException e) {
            return LogRead.failed("로그 파일 없음: " + file);
        } catch (AccessDeniedException e) {
            return LogRead.failed("로그 파일 읽기 실패: " + file + " (권한 없음)");
        } catch (IOException e) {
            return LogRead.failed("로그 파일 읽기 실패: " + file + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    @FunctionalInterface
    private interface Reading {
        List<String> from(SeekableByteChannel channel) throws IOException;
    }

    /**
     * What reading the log gave.
     *
     * @param lines the lines read; empty when the log could not be read
     * @param problem why the log could not be read ("로그 파일 없음: …", "로그 파일 읽기 실패: …"), or null
     */
    public record LogRead(List<String> lines, String problem) {

        public LogRead {
            lines = List.copyOf(lines);
        }

        static LogRead of(List<String> lines) {
            return new LogRead(lines, null);
        }

        static LogRead failed(String problem) {
            return new LogRead(List.of(), problem);
        }

        /** True when the log could not be read: a finding, never a clean log. */
        public boolean failed() {
            return problem != null;
        }
    }
}
