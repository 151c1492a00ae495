package dev.recoveryorchestrator.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.TestMail;
import dev.recoveryorchestrator.TestMail.Received;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The table "Who gets which mail and why" in {@code docs/responders.md} is what the application sends: one automatic
 * Type 1 recovery (the stand-in killed, restarted by the runbook, recovered in seconds) sends exactly the mails the
 * table marks for it, each to the audience the table names, and every mail template has its row.
 */
class WhoGetsWhichMailTest extends EngineTestSupport {

    static final Path RESPONDERS = Path.of("docs", "responders.md");
    static final String SECTION = "## Who gets which mail and why";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void anAutomaticRecoveryInSecondsSendsTheThreeMailsTheTableListsEachToItsAudience() throws Exception {
        List<Row> expected = table().stream().filter(row -> !row.automaticRecovery().isEmpty()).toList();
        assertThat(expected).as("the README's tour says three mails").hasSize(3);

        killStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        advance(Duration.ofSeconds(3));
        runDueJobs();

        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
        List<Received> mails = TestMail.received();
        assertThat(mails).as("every mail of the recovery, the review's included").hasSize(expected.size());
        for (Row row : expected) {
            assertThat(mails).as(row.subject()).filteredOn(mail -> mail.subject().startsWith(row.subjectStart()))
                    .singleElement().satisfies(mail -> assertThat(mail.to()).as(row.subject())
                            .containsExactlyInAnyOrderElementsOf(addresses(row.automaticRecovery())));
        }
    }

    @Test
    void everyMailTemplateHasItsRowInTheTable() throws IOException {
        List<String> templates;
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "mail"))) {
            templates = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".txt"))
                    .map(name -> name.substring(0, name.length() - ".txt".length())).toList();
        }
        assertThat(table()).extracting(Row::template).containsAll(templates);
    }

    /** EngineTestSupport's addresses: the users, and one contact per group named after it. */
    private static List<String> addresses(List<String> audience) {
        return audience.stream().map(name -> name.equals("users") ? "users@routing-ml.test" : name + "@routing-ml.test")
                .toList();
    }

    /**
     * The table's rows: column 1 the subject, column 2 the template, column 5 what one automatic recovery in seconds
     * sends ({@code 1 → `users`, `devops`}; {@code –} for nothing).
     */
    static List<Row> table() throws IOException {
        List<String> lines = Files.readAllLines(RESPONDERS, StandardCharsets.UTF_8);
        int at = lines.indexOf(SECTION);
        assertThat(at).as(SECTION + " in " + RESPONDERS).isNotNegative();
        List<Row> rows = new ArrayList<>();
        int header = at + 1;
        while (!lines.get(header).startsWith("|")) {
            header++;
        }
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).substring(1).split("\\|");
            assertThat(cells).as(lines.get(i)).hasSizeGreaterThanOrEqualTo(6);
            String automatic = cells[4].strip();
            rows.add(new Row(code(cells[0]).get(0), code(cells[1]).get(0),
                    automatic.startsWith("1 →") ? code(automatic) : List.of()));
        }
        return rows;
    }

    private static List<String> code(String cell) {
        List<String> found = new ArrayList<>();
        Matcher matcher = CODE.matcher(cell);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        assertThat(found).as("`…` in " + cell).isNotEmpty();
        return found;
    }

    record Row(String subject, String template, List<String> automaticRecovery) {

        /** The subject up to its first placeholder ({@code <tier>}) or {@code …}. */
        String subjectStart() {
            return subject.split("[<…]", 2)[0];
        }
    }
}
