package dev.recoveryorchestrator.monitor;

import dev.recoveryorchestrator.monitor.MonitorSettings.Check;

/** One check made runnable: looks once and says what it saw. */
interface Probe {

    Check check();

    Observation observe();

    /**
     * What one look saw.
     *
     * @param detail one line for the log, the incident's summary or its timeline: what the target answered, the
     *     log line, which port or container; data, never interpreted
     */
    record Observation(Outcome outcome, String detail) {

        static Observation symptom(String detail) {
            return new Observation(Outcome.SYMPTOM, detail);
        }

        static Observation clear(String detail) {
            return new Observation(Outcome.CLEAR, detail);
        }

        /** The check could not look (no log file, no docker): no symptom of any type, and nothing is counted. */
        static Observation cannotRun(String detail) {
            return new Observation(Outcome.CANNOT_RUN, detail);
        }

        boolean symptom() {
            return outcome == Outcome.SYMPTOM;
        }
    }

    enum Outcome { SYMPTOM, CLEAR, CANNOT_RUN }
}
