package dev.recoveryorchestrator.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.HostileValues;
import org.junit.jupiter.api.Test;

/** Text from outside becomes Markdown that shows it and builds nothing: no heading, list, link, HTML or code. */
class MarkdownTest {

    @Test
    void aLineCannotStartAHeadingAListOrAQuote() {
        assertThat(Markdown.line("## 원인", 100)).isEqualTo("\\#\\# 원인");
        assertThat(Markdown.line("- [x] done", 100)).isEqualTo("\\- \\[x\\] done");
        assertThat(Markdown.line("1. first", 100)).isEqualTo("1\\. first");
        assertThat(Markdown.line("> quote", 100)).isEqualTo("\\> quote");
        assertThat(Markdown.line("a\n## b\r\nc", 100)).as("line breaks become spaces").isEqualTo("a \\#\\# b c");
    }

    @Test
    void linksImagesHtmlAndCodeStayText() {
        assertThat(Markdown.line("[x](http://evil) ![i](j) <script> `code` *b* _i_ | t |", 200))
                .isEqualTo("\\[x\\](http://evil) \\!\\[i\\](j) \\<script\\> \\`code\\` \\*b\\* \\_i\\_ \\| t \\|");
    }

    @Test
    void aBlockKeepsItsLinesButNoneIsIndentedCodeOrASetextHeading() {
        assertThat(Markdown.block("title\n---\n    code\n\n\n\nnext")).isEqualTo("title  \n\\---  \ncode  \n\nnext");
        assertThat(Markdown.block("a\u0000b\u001b[31mc\u202Ed")).isEqualTo("ab\\[31mcd");
    }

    @Test
    void hostileValuesAndHugeTextAreBounded() {
        assertThat(Markdown.line(HostileValues.LINES, 1000)).doesNotContain("\r", "\n").contains("${x}", "$(id)");
        assertThat(Markdown.line("가".repeat(100_000), 300)).hasSizeLessThanOrEqualTo(300);
    }
}
