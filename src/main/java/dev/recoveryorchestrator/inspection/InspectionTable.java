package dev.recoveryorchestrator.inspection;

import java.util.List;

/** Results as a Markdown table whose cells show text from outside (file names, answers) and do nothing else. */
final class InspectionTable {

    private InspectionTable() {
    }

    static String markdown(List<CheckResult> checks) {
        StringBuilder table = new StringBuilder("| 항목 | 결과 | 수치 | 발견 사항 |\n|---|---|---|---|\n");
        for (CheckResult check : checks) {
            table.append("| ").append(cell(check.title())).append(" | ").append(check.status().korean()).append(" | ")
                    .append(cell(check.figures())).append(" | ").append(cell(check.finding())).append(" |\n");
        }
        return table.toString().strip();
    }

    /** One cell: no line breaks or control characters, Markdown's punctuation escaped, at most 600 characters. */
    static String cell(String text) {
        String flat = text == null ? "" : text.codePoints()
                .map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (flat.length() > 600) {
            flat = flat.substring(0, 599) + "…";
        }
        StringBuilder escaped = new StringBuilder();
        for (char c : flat.toCharArray()) {
            if ("\\`*_[]<>#|~!$".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
