package dev.recoveryorchestrator.taskform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A task's embedded form for Tasklist: the incident's context (filled in by the form's script from the task's
 * {@link TaskContext}, always as text) above the fields of the task's {@code camunda:formData}. The page itself
 * holds no incident data, only the model's labels, each escaped and kept out of AngularJS's reach
 * ({@code ng-non-bindable}), since Tasklist compiles an embedded form as an AngularJS template.
 */
final class TaskFormHtml {

    private static final String SCRIPT = resource("/taskform/task-form.js");
    private static final String STYLE = resource("/taskform/task-form.css");

    private TaskFormHtml() {
    }

    /** The form for a task named {@code taskName} asking for {@code fields}; {@code now} is the engine's clock. */
    static String render(String taskName, List<FormField> fields, Instant now) {
        StringBuilder html = new StringBuilder(8192);
        html.append("<form role=\"form\" name=\"incidentTaskForm\" class=\"ro-task-form\" data-server-now=\"")
                .append(escape(now.toString())).append("\">\n");
        html.append("<style>").append(STYLE).append("</style>\n");
        html.append("<section class=\"ro-context\" ng-non-bindable>\n")
                .append("  <p class=\"ro-context-missing\">장애 정보를 불러오는 중입니다…</p>\n")
                .append("</section>\n");
        html.append("<fieldset class=\"ro-decision\">\n  <legend ng-non-bindable>").append(escape(taskName))
                .append("</legend>\n");
        if (fields.isEmpty()) {
            html.append("  <p ng-non-bindable>입력할 항목이 없습니다. 내용을 확인하고 완료하세요.</p>\n");
        }
        for (FormField field : fields) {
            field(html, field);
        }
        html.append("</fieldset>\n");
        html.append("<script cam-script type=\"text/form-script\">\n").append(SCRIPT).append("\n</script>\n");
        html.append("</form>\n");
        return html.toString();
    }

    private static void field(StringBuilder html, FormField field) {
        String id = "ro-field-" + field.id();
        String required = field.required() ? " required" : "";
        html.append("  <div class=\"form-group\">\n");
        if ("boolean".equals(field.type())) {
            html.append("    <label class=\"checkbox-inline\"><input type=\"checkbox\" id=\"").append(id)
                    .append("\" name=\"").append(escape(field.id())).append("\" cam-variable-name=\"")
                    .append(escape(field.id())).append("\" cam-variable-type=\"Boolean\"").append(required)
                    .append("> <span ng-non-bindable>").append(escape(field.label())).append("</span></label>\n");
            html.append("  </div>\n");
            return;
        }
        html.append("    <label for=\"").append(id).append("\" class=\"control-label\"><span ng-non-bindable>")
                .append(escape(field.label())).append("</span>")
                .append(field.required() ? " <span class=\"ro-required\">(필수)</span>" : "").append("</label>\n");
        String common = " id=\"" + id + "\" name=\"" + escape(field.id()) + "\" class=\"form-control\""
                + " cam-variable-name=\"" + escape(field.id()) + "\"";
        switch (field.type() == null ? "string" : field.type()) {
            case "enum" -> {
                html.append("    <select").append(common).append(" cam-variable-type=\"String\"").append(required)
                        .append(">\n      <option value=\"\">선택하세요</option>\n");
                for (Map.Entry<String, String> choice : field.choices().entrySet()) {
                    html.append("      <option value=\"").append(escape(choice.getKey())).append("\">")
                            .append(escape(choice.getValue())).append("</option>\n");
                }
                html.append("    </select>\n");
            }
            case "long" -> html.append("    <input type=\"number\" step=\"1\"").append(common)
                    .append(" cam-variable-type=\"Long\"").append(required).append(">\n");
            default -> html.append("    <textarea rows=\"3\" maxlength=\"2000\"").append(common)
                    .append(" cam-variable-type=\"String\"").append(required).append("></textarea>\n");
        }
        html.append("  </div>\n");
    }

    /**
     * HTML text and attribute escaping. A brace is followed by a zero-width space: an entity would decode to a brace
     * again before AngularJS compiles the page, so only a break keeps two braces from forming its interpolation.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '{' -> out.append("{\u200B");
                case '}' -> out.append("}\u200B");
                default -> {
                    if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                        out.append('\uFFFD');
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    private static String resource(String name) {
        try (InputStream in = TaskFormHtml.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
