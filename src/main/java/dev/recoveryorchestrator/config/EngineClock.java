package dev.recoveryorchestrator.config;

import java.time.Instant;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The one clock of the application: the engine's. Process tests move it with {@code ClockUtil}, and every
 * time we store (opened, recovered, downtime) moves with it.
 */
public final class EngineClock {

    private EngineClock() {
    }

    public static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
