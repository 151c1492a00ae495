package dev.recoveryorchestrator.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A timeline detail too long for its column keeps its end: the newest log lines, the traceback. */
class TimelineDetailTest {

    @Test
    void aDetailThatFitsIsKeptWhole() {
        String detail = "line 1\nline 2";

        assertThat(IncidentStore.newest(detail, IncidentStore.MAX_DETAIL)).isSameAs(detail);
    }

    @Test
    void aLongDetailKeepsItsNewestLinesFromTheStartOfALine() {
        String detail = IntStream.rangeClosed(1, 500).mapToObj(n -> "INFO line " + n).collect(Collectors.joining("\n"))
                + "\nTraceback (most recent call last):\nValueError: the end";

        String kept = IncidentStore.newest(detail, IncidentStore.MAX_DETAIL);

        assertThat(kept).hasSizeLessThanOrEqualTo(IncidentStore.MAX_DETAIL)
                .startsWith("…INFO line ")
                .endsWith("INFO line 500\nTraceback (most recent call last):\nValueError: the end")
                .doesNotContain("INFO line 1\n");
        assertThat(detail).endsWith(kept.substring(1));
    }

    @Test
    void aLongSingleLineKeepsItsEndAndSplitsNoCharacter() {
        String detail = "😀".repeat(3000) + "끝";

        String kept = IncidentStore.newest(detail, 101);

        assertThat(kept).hasSizeLessThanOrEqualTo(101).startsWith("…😀").endsWith("😀끝");
        assertThat(Character.isLowSurrogate(kept.charAt(1))).isFalse();
    }
}
