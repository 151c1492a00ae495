package dev.recoveryorchestrator.report;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Text from outside (a review's cause, a measure, a log line in a timeline entry) as Markdown that shows it and does
 * nothing else: no heading, list, quote, link, image, HTML, code or table can come out of it. Markdown's punctuation
 * that starts or closes such a construct is backslash-escaped, a line's leading spaces go (they would make a code
 * block), and control characters other than line breaks and tabs are dropped.
 */
final class Markdown {

    /** CommonMark's escapable punctuation that can start or end a construct anywhere on a line. */
    private static final String INLINE = "\\`*_[]<>#|~!";

    private Markdown() {
    }

    /** One line: line breaks become spaces; at most {@code max} characters before escaping. */
    static String line(String text, int max) {
        String flat = clean(text).replaceAll("[\\r\\n\\t]+", " ").strip();
        if (flat.length() > max) {
            flat = flat.substring(0, max - 1) + "…";
        }
        return escapeLine(flat);
    }

    /** A block of lines, each escaped; a line break is a hard line break, an empty line separates paragraphs. */
    static String block(String text) {
        List<String> lines = clean(text).replace("\r\n", "\n").replace('\r', '\n').lines()
                .map(String::strip).toList();
        return lines.stream().map(line -> line.isEmpty() ? "" : escapeLine(line) + "  ")
                .collect(Collectors.joining("\n")).replaceAll("\n{3,}", "\n\n").strip();
    }

    private static String clean(String text) {
        return text == null ? "" : text.codePoints()
                .filter(c -> c == '\n' || c == '\r' || c == '\t' || !Character.isISOControl(c))
                .filter(c -> Character.getType(c) != Character.FORMAT)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static String escapeLine(String line) {
        StringBuilder out = new StringBuilder(line.length() + 8);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (INLINE.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        String escaped = out.toString();
        // What begins a block only at the start of a line: a list (-, +, 1. 1)), a setext underline (=, -), a quote.
        if (escaped.startsWith("-") || escaped.startsWith("+") || escaped.startsWith("=")) {
            escaped = "\\" + escaped;
        }
        return escaped.replaceFirst("^(\\d+)([.)])", "$1\\\\$2");
    }
}
