package dev.recoveryorchestrator.incident;

import java.util.Arrays;
import java.util.Optional;

/** The checklist's "영향 범위": the whole service, part of it, or one feature. */
public enum Scope {
    WHOLE("whole", "전체"),
    PARTIAL("partial", "부분"),
    FEATURE("feature", "특정 기능");

    private final String id;
    private final String koreanName;

    Scope(String id, String koreanName) {
        this.id = id;
        this.koreanName = koreanName;
    }

    public String id() {
        return id;
    }

    public String koreanName() {
        return koreanName;
    }

    /** Accepts {@code whole}, {@code partial}, {@code feature} or the runbook's Korean words. */
    public static Optional<Scope> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip();
        return Arrays.stream(values())
                .filter(scope -> scope.id.equalsIgnoreCase(value) || scope.koreanName.equals(value))
                .findFirst();
    }
}
