package dev.recoveryorchestrator.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Rendering copies values verbatim: nothing inside a value is a placeholder, a format or a header. */
class MailTemplatesTest {

    /** What a person, an alert or the target's own health answer might put into a summary. */
    static Stream<String> hostileValues() {
        return Stream.of("응답 없음 ${x}", "${summary}", "${incidentId}", "#{x}", "#{T(java.lang.Runtime).getRuntime()}",
                "{0} {1}", "%s %n %d", "$(id)", "`id`", "; id", "| id", "../../etc/passwd", "\\", "\\${x}", "$", "$$",
                "${", "}", "a\r\nBcc: evil@example.com", "line one\nline two\rline three", "tab\tend",
                "<script>alert(1)</script>", "x".repeat(100 * 1024));
    }

    private final MailTemplates templates = new MailTemplates();

    @ParameterizedTest
    @MethodSource("hostileValues")
    void aSummaryArrivesInTheBodyExactlyAsItWasSent(String summary) {
        MailTemplates.Rendered mail = templates.render("incident-opened", values(Map.of("summary", summary)));

        assertThat(mail.body()).contains("- 내용: " + summary + "\n- 감지: 모니터");
        assertThat(mail.body()).contains("- 장애 ID: 4c1d2b7e-0000-4000-8000-000000000001");
        assertThat(mail.subject()).isEqualTo("[장애 발생] Type 1 Backend API 서버 다운 - routing-ml (4c1d2b7e)");
    }

    @ParameterizedTest
    @MethodSource("hostileValues")
    void aValueInTheSubjectStaysOnOneLineOfPrintableText(String target) {
        MailTemplates.Rendered mail = templates.render("incident-opened", values(Map.of("target", target)));

        assertThat(mail.subject()).startsWith("[장애 발생] Type 1 Backend API 서버 다운 - ")
                .doesNotContain("\r", "\n", "\t", "\0")
                .hasSizeLessThanOrEqualTo(MailText.MAX_HEADER);
        assertThat(mail.body()).contains("- 장애 유형: Type 1 Backend API 서버 다운 (backend-api-down)");
    }

    @Test
    void headerInjectionThroughTheSubjectBecomesText() {
        MailTemplates.Rendered mail = templates.render("incident-opened",
                values(Map.of("target", "routing-ml\r\nBcc: evil@example.com\r\n\r\nfake body\0")));

        assertThat(mail.subject())
                .isEqualTo("[장애 발생] Type 1 Backend API 서버 다운 - routing-ml Bcc: evil@example.com fake body (4c1d2b7e)");
    }

    @Test
    void aValueThatLooksLikeAPlaceholderIsNotFilledIn() {
        Map<String, String> values = values(Map.of("summary", "${source} and ${incidentId}", "source", "모니터"));

        MailTemplates.Rendered mail = templates.render("incident-opened", values);

        assertThat(mail.body()).contains("- 내용: ${source} and ${incidentId}\n");
    }

    @Test
    void nulCannotReachTheBodyEverythingElseDoes() {
        MailTemplates.Rendered mail = templates.render("incident-opened", values(Map.of("summary", "a\0b\u0007c\u001bd")));

        assertThat(mail.body()).contains("- 내용: ab\u0007c\u001bd\n");
    }

    @Test
    void aPlaceholderOfTheTemplateWithoutAValueIsAnError() {
        Map<String, String> values = values(Map.of());
        values.remove("cockpitUrl");

        assertThatThrownBy(() -> templates.render("incident-opened", values))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mail/incident-opened.txt").hasMessageContaining("${cockpitUrl}");
    }

    @Test
    void aMalformedPlaceholderInATemplateIsAnError() {
        assertThatThrownBy(() -> MailTemplates.parse("broken", "Subject: x ${name\n\nbody"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("mail/broken.txt");
        assertThatThrownBy(() -> MailTemplates.parse("broken", "Subject: x\n\nbody ${na me}"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("malformed placeholder");
        assertThatThrownBy(() -> MailTemplates.parse("broken", "no subject line"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("must start with 'Subject: '");
    }

    @Test
    void everyTemplateTakesHostileValuesInEveryPlaceholder() throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:mail/*.txt");
        assertThat(files).hasSizeGreaterThanOrEqualTo(5);
        String hostile = "${x} #{x} {0} %s $(id) \\ $ ../..\r\nBcc: evil@example.com";
        for (Resource file : files) {
            String name = file.getFilename().replace(".txt", "");
            String text = file.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
            MailTemplates.Template template = MailTemplates.parse(name, text);
            Map<String, String> values = new HashMap<>();
            Stream.concat(template.subject().names().stream(), template.body().names().stream())
                    .forEach(placeholder -> values.put(placeholder, hostile));

            MailTemplates.Rendered mail = templates.render(name, values);

            assertThat(mail.subject()).as(name + " subject").doesNotContain("\r", "\n").contains("${x} #{x} {0} %s $(id)");
            if (!template.body().names().isEmpty()) {
                assertThat(mail.body()).as(name + " body").contains(hostile);
            }
        }
    }

    @Test
    void recipientsMustBePlainAddresses() {
        assertThat(List.of("users@routing-ml.local", "devops.1+rto@routing-ml.test", "a_b@example.com"))
                .allMatch(MailText::isAddress);
        assertThat(List.of("", " ", "users@routing-ml.local\r\nBcc: evil@example.com", "a@b.test, evil@example.com",
                "a@b.test;evil@example.com", "Name <a@b.test>", "\"a,b\"@example.com", "a@b.test\0", "no-at-sign",
                "a@b@c.test", "a @b.test", "@b.test", "a@", "x".repeat(250) + "@b.test"))
                .noneMatch(MailText::isAddress);
        assertThat(MailText.isAddress(null)).isFalse();
    }

    /** Every value {@code incident-opened} needs, with {@code overrides} on top. */
    private static Map<String, String> values(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(Map.ofEntries(
                Map.entry("incidentId", "4c1d2b7e-0000-4000-8000-000000000001"),
                Map.entry("shortId", "4c1d2b7e"),
                Map.entry("type", "backend-api-down"),
                Map.entry("typeNumber", "1"),
                Map.entry("typeName", "Backend API 서버 다운"),
                Map.entry("scope", "전체 서비스"),
                Map.entry("summary", "-"),
                Map.entry("source", "모니터"),
                Map.entry("target", "routing-ml"),
                Map.entry("openedAt", "2026-01-01 09:00"),
                Map.entry("elapsed", "8초"),
                Map.entry("rtoDeadline", "2026-01-01 13:00"),
                Map.entry("cockpitUrl", "http://127.0.0.1:8080/camunda/app/cockpit/"),
                Map.entry("tasklistUrl", "http://127.0.0.1:8080/camunda/app/tasklist/")));
        values.putAll(overrides);
        return values;
    }
}
