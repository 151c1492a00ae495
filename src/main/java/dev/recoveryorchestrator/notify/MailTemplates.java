package dev.recoveryorchestrator.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Mail templates under {@code mail/<name>.txt}: the first line is {@code Subject: ...}, then a blank line, then
 * the body. {@code ${name}} in the template is replaced by the value of that name; a name without a value is an
 * error, so a template and its caller cannot drift apart unnoticed.
 *
 * <p>Values are data. The template is parsed once into text and placeholders, and rendering copies each value in
 * one pass, verbatim: nothing inside a value is looked at ({@code ${x}}, {@code #{x}}, {@code {0}}, {@code %s},
 * {@code $(id)}, backslashes and line breaks arrive in the body as they were sent). The subject becomes one line of
 * printable text ({@link MailText#header}), so no value can add a header or end the headers.
 */
@Component
class MailTemplates {

    private static final String SUBJECT = "Subject: ";
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private final Map<String, Template> cache = new ConcurrentHashMap<>();

    Rendered render(String template, Map<String, String> values) {
        Template parsed = cache.computeIfAbsent(template, name -> parse(name, source(name)));
        return new Rendered(MailText.header(parsed.subject().fill(template, values)),
                MailText.body(parsed.body().fill(template, values)) + "\n");
    }

    /** Splits the template into its subject line and body before anything is filled in. */
    static Template parse(String name, String text) {
        int end = text.indexOf('\n');
        if (!text.startsWith(SUBJECT) || end < 0) {
            throw new IllegalStateException("mail/" + name + ".txt must start with '" + SUBJECT + "'");
        }
        return new Template(Parts.of(name, text.substring(SUBJECT.length(), end).strip()),
                Parts.of(name, text.substring(end + 1).strip()));
    }

    private static String source(String template) {
        try (InputStream in = new ClassPathResource("mail/" + template + ".txt").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("no mail template mail/" + template + ".txt", e);
        }
    }

    record Template(Parts subject, Parts body) {
    }

    /** A template's text as literal pieces and placeholder names, in order. */
    record Parts(List<String> literals, List<String> names) {

        static Parts of(String template, String text) {
            List<String> literals = new ArrayList<>();
            List<String> names = new ArrayList<>();
            int from = 0;
            for (int open = text.indexOf("${"); open >= 0; open = text.indexOf("${", from)) {
                int close = text.indexOf('}', open + 2);
                String name = close < 0 ? "" : text.substring(open + 2, close);
                if (!NAME.matcher(name).matches()) {
                    throw new IllegalStateException("mail/" + template + ".txt: malformed placeholder at '"
                            + text.substring(open, Math.min(text.length(), open + 20)) + "'");
                }
                literals.add(text.substring(from, open));
                names.add(name);
                from = close + 1;
            }
            literals.add(text.substring(from));
            return new Parts(List.copyOf(literals), List.copyOf(names));
        }

        String fill(String template, Map<String, String> values) {
            StringBuilder out = new StringBuilder(literals.get(0));
            for (int i = 0; i < names.size(); i++) {
                String value = values.get(names.get(i));
                if (value == null) {
                    throw new IllegalStateException("mail/" + template + ".txt: no value for ${" + names.get(i) + "}");
                }
                out.append(value).append(literals.get(i + 1));
            }
            return out.toString();
        }
    }

    record Rendered(String subject, String body) {
    }
}
