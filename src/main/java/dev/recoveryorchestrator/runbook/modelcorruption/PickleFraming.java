package dev.recoveryorchestrator.runbook.modelcorruption;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a file is framed as a pickle (protocol 2 or later): it starts with the PROTO opcode {@code 0x80} and a
 * protocol number, and ends with STOP ({@code .}). A zero-size or truncated file fails; a flipped byte in the middle
 * does not (the checksums catch that). Only the first two bytes and the last one are read.
 */
final class PickleFraming {

    private static final int PROTO = 0x80;
    private static final int STOP = '.';
    private static final int HIGHEST_PROTOCOL = 5;

    private PickleFraming() {
    }

    /** Empty when framed as a pickle, else what is wrong (Korean, for findings). */
    static java.util.Optional<String> problem(Path file) {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            if (size == 0) {
                return java.util.Optional.of("크기 0");
            }
            if (size < 3) {
                return java.util.Optional.of("잘린 파일 (" + size + " bytes)");
            }
            ByteBuffer head = ByteBuffer.allocate(2);
            while (head.hasRemaining() && channel.read(head) >= 0) {
                // read the two header bytes
            }
            ByteBuffer tail = ByteBuffer.allocate(1);
            channel.position(size - 1);
            channel.read(tail);
            int proto = head.get(0) & 0xff;
            int protocol = head.get(1) & 0xff;
            if (proto != PROTO || protocol < 2 || protocol > HIGHEST_PROTOCOL) {
                return java.util.Optional.of("pickle 헤더 아님");
            }
            if ((tail.get(0) & 0xff) != STOP) {
                return java.util.Optional.of("잘린 파일 (pickle STOP 없음, " + size + " bytes)");
            }
            return java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.of("읽기 실패: " + e.getClass().getSimpleName());
        }
    }
}
