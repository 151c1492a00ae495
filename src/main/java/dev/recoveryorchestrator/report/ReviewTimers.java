package dev.recoveryorchestrator.report;

import org.springframework.stereotype.Component;

/**
 * What the review's model reads instead of literal durations: {@code ${reviewTimers.remindAfter()}},
 * {@code ${reviewTimers.expireAfter()}} (ISO-8601) and {@code ${reviewTimers.group()}}.
 */
@Component("reviewTimers")
public class ReviewTimers {

    private final ReviewSettings settings;

    ReviewTimers(ReviewSettings settings) {
        this.settings = settings;
    }

    public String remindAfter() {
        return settings.remindAfter().toString();
    }

    public String expireAfter() {
        return settings.expireAfter().toString();
    }

    public String group() {
        return settings.group();
    }
}
