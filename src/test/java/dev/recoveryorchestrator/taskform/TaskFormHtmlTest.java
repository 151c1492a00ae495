package dev.recoveryorchestrator.taskform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated form's text is inert: no tag, attribute break or AngularJS interpolation can come from a label. */
class TaskFormHtmlTest {

    @Test
    void labelsAndChoicesCannotBreakOutOrFormAnInterpolation() {
        Map<String, String> choices = new LinkedHashMap<>();
        choices.put("a\"><script>alert(1)</script>", "{{constructor.constructor('alert(1)')()}}");
        String html = TaskFormHtml.render("<b>작업</b> ${x} #{x}", List.of(
                new FormField("decision", "{{7*7}} \" onmouseover=alert(1) \u0000", "enum", true, choices),
                new FormField("note", "메모 $(id) ; id ../..", "string", false, Map.of())), Instant.EPOCH);

        assertThat(html).doesNotContain("{{", "}}", "<b>", "<script>alert", "\" onmouseover", "\u0000")
                .contains("&lt;b&gt;작업&lt;/b&gt; ${\u200Bx}\u200B", "메모 $(id) ; id ../..", "value=\"a&quot;&gt;&lt;script&gt;")
                .contains("<select id=\"ro-field-decision\"").containsPattern("cam-variable-name=\"decision\"[^>]*required");
    }
}
