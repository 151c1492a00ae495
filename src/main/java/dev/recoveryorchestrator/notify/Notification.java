package dev.recoveryorchestrator.notify;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One notification as channels receive it: the template it was rendered from, the incident it is about (none for
 * a report), the values the template was filled with, and the rendered subject and body. Rendering happens once,
 * when the first channel asks for it.
 */
public final class Notification {

    private final String template;
    private final String incidentId;
    private final Map<String, String> values;
    private final Supplier<MailTemplates.Rendered> render;
    private MailTemplates.Rendered rendered;

    Notification(String template, String incidentId, Map<String, String> values, Supplier<MailTemplates.Rendered> render) {
        this.template = template;
        this.incidentId = incidentId;
        this.values = Map.copyOf(values);
        this.render = render;
    }

    public String template() {
        return template;
    }

    public Optional<String> incidentId() {
        return Optional.ofNullable(incidentId);
    }

    /** The values the template is filled with (the incident's own, then the caller's); data, never interpreted. */
    public Map<String, String> values() {
        return values;
    }

    /** One line of printable text. */
    public String subject() {
        return rendered().subject();
    }

    public String body() {
        return rendered().body();
    }

    private MailTemplates.Rendered rendered() {
        if (rendered == null) {
            rendered = render.get();
        }
        return rendered;
    }
}
