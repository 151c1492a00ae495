package dev.recoveryorchestrator.inspection.drill;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** The recorded DR drills, for the inspections API and the RTO trend: what each drill measured, newest first. */
@Service
public class DrillResults {

    /** The most a caller gets at once. */
    public static final int MAX = 500;
    private final DrillStore store;

    DrillResults(DrillStore store) {
        this.store = store;
    }

    /** The newest {@code n} drills (1 to {@value #MAX}; outside that range, clamped), refused ones included. */
    public List<DrillResult> recent(int n) {
        return store.recent(Math.max(1, Math.min(n, MAX)));
    }

    /** The newest drill, if any ran. */
    public Optional<DrillResult> latest() {
        return store.recent(1).stream().findFirst();
    }
}
