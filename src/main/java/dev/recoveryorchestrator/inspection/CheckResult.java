package dev.recoveryorchestrator.inspection;

import java.util.Objects;

/**
 * One check's result as it is kept: what was measured, in the machine's figures ({@code 디스크 /data 63 % (한도 80 %)}),
 * not a pass or fail alone.
 *
 * @param check the check's id ({@code health}, {@code disk}, {@code backup}, {@code logs}, {@code restore},
 *        {@code drill}, …)
 * @param title the check's Korean name
 * @param status {@code PASS}, {@code FAIL}, or {@code NOT_RUN} (the check could not run: a finding, never a pass)
 * @param figures what was measured, as people read it
 * @param finding what is wrong (empty when it passed)
 * @param advice what to do about it (empty when it passed)
 * @param measured the main figure (percent, seconds, bytes), for trends; null when there is none
 * @param target the limit the main figure is held to; null when there is none
 * @param unit the unit of {@code measured} and {@code target}
 * @param durationMs how long the check's work took, when that is a figure (restore time)
 * @param tables table row counts seen ({@code name=count;…}; restore tests), else null
 */
public record CheckResult(String check, String title, Status status, String figures, String finding, String advice,
        Double measured, Double target, String unit, Long durationMs, String tables) {

    /** What came of a check. */
    public enum Status {
        PASS("정상"), FAIL("실패"), NOT_RUN("실행 불가");

        private final String korean;

        Status(String korean) {
            this.korean = korean;
        }

        public String korean() {
            return korean;
        }
    }

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        title = title == null ? check : title;
        figures = figures == null ? "" : figures;
        finding = finding == null ? "" : finding;
        advice = advice == null ? "" : advice;
    }

    public static CheckResult pass(String check, String title, String figures, Double measured, Double target,
            String unit) {
        return new CheckResult(check, title, Status.PASS, figures, "", "", measured, target, unit, null, null);
    }

    public static CheckResult fail(String check, String title, String figures, String finding, String advice,
            Double measured, Double target, String unit) {
        return new CheckResult(check, title, Status.FAIL, figures, finding, advice, measured, target, unit, null, null);
    }

    public static CheckResult notRun(String check, String title, String reason, String advice) {
        return new CheckResult(check, title, Status.NOT_RUN, reason, reason, advice, null, null, null, null, null);
    }

    public CheckResult withDuration(long millis) {
        return new CheckResult(check, title, status, figures, finding, advice, measured, target, unit, millis, tables);
    }

    public CheckResult withTables(String counts) {
        return new CheckResult(check, title, status, figures, finding, advice, measured, target, unit, durationMs, counts);
    }

    public boolean passed() {
        return status == Status.PASS;
    }
}
