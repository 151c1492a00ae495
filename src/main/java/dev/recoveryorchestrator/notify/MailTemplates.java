package dev.recoveryorchestrator.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.util.PropertyPlaceholderHelper;

/**
 * Mail templates under {@code mail/<name>.txt}: the first line is {@code Subject: ...}, then a blank line, then
 * the body. {@code ${name}} is replaced by the value of that name; a name without a value is an error, so a
 * template and its caller cannot drift apart unnoticed.
 */
@Component
class MailTemplates {

    private final PropertyPlaceholderHelper placeholders = new PropertyPlaceholderHelper("${", "}", null, null, false);
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    Rendered render(String template, Map<String, String> values) {
        String text = placeholders.replacePlaceholders(source(template), values::get);
        int end = text.indexOf('\n');
        if (!text.startsWith("Subject: ") || end < 0) {
            throw new IllegalStateException("mail/" + template + ".txt must start with 'Subject: '");
        }
        return new Rendered(text.substring("Subject: ".length(), end).strip(), text.substring(end + 1).strip() + "\n");
    }

    private String source(String template) {
        return cache.computeIfAbsent(template, name -> {
            try (InputStream in = new ClassPathResource("mail/" + name + ".txt").getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("no mail template mail/" + name + ".txt", e);
            }
        });
    }

    record Rendered(String subject, String body) {
    }
}
