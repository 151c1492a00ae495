package dev.recoveryorchestrator.observe;

import dev.recoveryorchestrator.escalation.EscalationSettings;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.ObjectiveSettings;
import dev.recoveryorchestrator.incident.OpenIncidentCount;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * The metrics that need the escalation tiers, which the incident package cannot see: open incidents by type, tier
 * reached ({@code none} before the first), acknowledged or not and drill or not
 * ({@code recovery_incidents_open}), the RTO objectives ({@code recovery_rto_objective_seconds{level}}), and the
 * zero series of the escalation and RTO-breach counters, so that a rule or a panel finds them before the first
 * incident. The open counts are one grouped query, read again at most once a second however many series a scrape
 * reads.
 */
@Component
class OperationsMetrics {

    static final String NO_TIER = "none";
    private static final long SNAPSHOT_MILLIS = 1000;

    private final IncidentService incidents;
    private volatile List<OpenIncidentCount> snapshot = List.of();
    private volatile long takenAt;

    OperationsMetrics(MeterRegistry metrics, IncidentService incidents, EscalationSettings escalation,
            ObjectiveSettings objectives) {
        this.incidents = incidents;
        List<String> tiers = new ArrayList<>();
        tiers.add(NO_TIER);
        escalation.tiers().forEach(tier -> tiers.add(tier.group()));
        for (FailureType type : FailureType.values()) {
            for (String tier : tiers) {
                for (boolean acknowledged : new boolean[] {false, true}) {
                    for (boolean drill : new boolean[] {false, true}) {
                        Gauge.builder("recovery.incidents.open", this, m -> m.open(type, tier, acknowledged, drill))
                                .description("Incidents open now, over every node")
                                .tags("type", type.id(), "tier", tier, "acknowledged", String.valueOf(acknowledged),
                                        "drill", String.valueOf(drill))
                                .register(metrics);
                    }
                }
            }
            for (boolean drill : new boolean[] {false, true}) {
                for (String level : List.of("target", "acceptable")) {
                    metrics.counter("recovery.rto.breaches", "type", type.id(), "level", level, "drill",
                            String.valueOf(drill));
                }
            }
        }
        for (String tier : tiers.subList(1, tiers.size())) {
            for (boolean drill : new boolean[] {false, true}) {
                metrics.counter("recovery.incidents.escalated", "tier", tier, "drill", String.valueOf(drill));
            }
        }
        Gauge.builder("recovery.rto.objective", objectives, o -> o.rto().target().toMillis() / 1000.0)
                .baseUnit("seconds").tag("level", "target").description("The RTO target").register(metrics);
        Gauge.builder("recovery.rto.objective", objectives, o -> o.rto().acceptable().toMillis() / 1000.0)
                .baseUnit("seconds").tag("level", "acceptable").description("The RTO acceptable limit").register(metrics);
    }

    private double open(FailureType type, String tier, boolean acknowledged, boolean drill) {
        return counts().stream()
                .filter(count -> count.type() == type && count.acknowledged() == acknowledged && count.drill() == drill
                        && Objects.equals(count.tier() == null ? NO_TIER : count.tier(), tier))
                .mapToLong(OpenIncidentCount::count).sum();
    }

    private List<OpenIncidentCount> counts() {
        long now = System.currentTimeMillis();
        if (now - takenAt >= SNAPSHOT_MILLIS) {
            snapshot = incidents.openCounts();
            takenAt = now;
        }
        return snapshot;
    }
}
