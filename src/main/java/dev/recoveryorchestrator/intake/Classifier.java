package dev.recoveryorchestrator.intake;

import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Scope;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Chooses an alert's failure type and scope from its labels by the configured rules: the type label first
 * ({@code failure_type: container-failure}), then the label matchers in order, then the {@code alertname} map. The
 * scope comes from the matching rule, else from the scope label ({@code severity}), else the default. Label values
 * are only compared, with patterns from configuration: nothing in them is interpreted.
 */
@Component
class Classifier {

    private final IntakeSettings settings;
    private final List<CompiledRule> rules;

    Classifier(IntakeSettings settings) {
        this.settings = settings;
        this.rules = settings.rules().stream().map(rule -> new CompiledRule(rule.patterns(), rule.type(), rule.scope()))
                .toList();
    }

    Optional<Classification> classify(Map<String, String> labels) {
        Optional<FailureType> named = FailureType.parse(labels.get(settings.typeLabel()));
        if (named.isPresent()) {
            return Optional.of(new Classification(named.get(), scope(labels, null), settings.typeLabel() + " label"));
        }
        for (int i = 0; i < rules.size(); i++) {
            CompiledRule rule = rules.get(i);
            if (rule.matches(labels)) {
                return Optional.of(new Classification(rule.type(), scope(labels, rule.scope()),
                        "recovery.intake.rules[" + i + "]"));
            }
        }
        FailureType byName = settings.alertnames().get(alertname(labels));
        return Optional.ofNullable(byName).map(type -> new Classification(type, scope(labels, null), "alertname"));
    }

    /**
     * The alert's name; for Grafana's synthetic {@code DatasourceNoData} / {@code DatasourceError} alerts the rule's own
     * name, which Grafana moves to the {@code rulename} label (a rule that cannot query its data is still about what
     * the rule watches).
     */
    private static String alertname(Map<String, String> labels) {
        String name = labels.getOrDefault("alertname", "");
        boolean synthetic = name.equals("DatasourceNoData") || name.equals("DatasourceError");
        return synthetic && labels.containsKey("rulename") ? labels.get("rulename") : name;
    }

    private Scope scope(Map<String, String> labels, Scope fromRule) {
        if (fromRule != null) {
            return fromRule;
        }
        String value = labels.get(settings.scopeLabel());
        Scope mapped = value == null ? null : settings.scopes().get(value);
        return mapped != null ? mapped : settings.defaultScope();
    }

    /** The type and scope an alert was classified to, and which rule said so. */
    record Classification(FailureType type, Scope scope, String rule) {
    }

    private record CompiledRule(Map<String, Pattern> patterns, FailureType type, Scope scope) {

        boolean matches(Map<String, String> labels) {
            return patterns.entrySet().stream().allMatch(entry -> {
                String value = labels.get(entry.getKey());
                return value != null && entry.getValue().matcher(value).matches();
            });
        }
    }
}
