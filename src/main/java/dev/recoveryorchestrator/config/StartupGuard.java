package dev.recoveryorchestrator.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.AbstractEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;

/**
 * Decides what this start is, from the profiles, before any bean, data source or table exists: the demo runs with
 * no profile or with {@code demo} alone; any other set of profiles is production and must be a known combination
 * with a real database, a real target, real secrets, every action the deployed models call
 * ({@link RunbookActionsGuard}) and every setting their commands take ({@link CommandArgumentsGuard}), or the start
 * is refused with everything that is missing.
 * An unknown profile ({@code prod}, a typo such as {@code postgresql}) never falls back to the demo.
 *
 * <p>Production is {@code postgres} (PostgreSQL from {@code SPRING_DATASOURCE_URL}, SMTP from {@code SPRING_MAIL_HOST})
 * with at most one of {@code docker} and {@code local} (the runbook's two ways of running Routing ML, which define the
 * actions), or with the target and the actions given by hand ({@code recovery.target.health-url},
 * {@code recovery.actions.<name>}). Registered in {@code META-INF/spring.factories}; it runs
 * when the environment is prepared, right after logging is set up, so that a refusal is logged and nothing (Flyway,
 * Camunda's schema, the admin user with a weak password) has been written yet.
 */
class StartupGuard implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String DEMO = "demo";
    static final String POSTGRES = "postgres";
    static final String DOCKER = "docker";
    static final String LOCAL = "local";
    private static final Set<String> PRODUCTION_PROFILES = Set.of(POSTGRES, DOCKER, LOCAL);
    private static final String KNOWN = "known: no profile or 'demo' alone for the demo; 'postgres', with 'docker' or "
            + "'local', for production";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        decide(event.getEnvironment()).refuseIfProblems();
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    /**
     * The demo or production, and for production what is missing.
     *
     * @param profiles the active profiles, or Spring's default ones when none is active
     */
    record Decision(Set<String> profiles, boolean demo, List<String> problems) {

        void refuseIfProblems() {
            if (!problems.isEmpty()) {
                throw new StartupRefusedException(profiles, problems);
            }
        }
    }

    static Decision decide(Environment environment) {
        String[] active = environment.getActiveProfiles();
        Set<String> profiles = new LinkedHashSet<>(Arrays.asList(
                active.length > 0 ? active : environment.getDefaultProfiles()));
        if (profiles.isEmpty() || profiles.equals(Set.of(AbstractEnvironment.RESERVED_DEFAULT_PROFILE_NAME))
                || profiles.equals(Set.of(DEMO))) {
            return new Decision(profiles, true, List.of());
        }
        List<String> problems = new ArrayList<>();
        for (String profile : profiles) {
            if (profile.equals(DEMO)) {
                problems.add("profile 'demo' runs alone, never with production profiles");
            } else if (!PRODUCTION_PROFILES.contains(profile)) {
                problems.add("unknown profile " + quoted(profile) + " (" + KNOWN + ")");
            }
        }
        if (profiles.contains(DOCKER) && profiles.contains(LOCAL)) {
            problems.add("profiles 'docker' and 'local' are two ways of running Routing ML: choose one");
        }
        requireDatabase(environment, profiles, problems);
        for (String property : List.of("recovery.target.health-url", "recovery.target.log-file")) {
            if (value(environment, property) == null) {
                problems.add("no real target: " + property + " is unset (add the 'docker' or 'local' profile, or set "
                        + property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ")");
            }
        }
        if (Boolean.parseBoolean(value(environment, "recovery.standin.enabled"))) {
            problems.add("recovery.standin.enabled is on: the stand-in is the demo's target (set RECOVERY_STANDIN_ENABLED=false)");
        }
        if (Boolean.parseBoolean(value(environment, "recovery.demo"))) {
            problems.add("recovery.demo is on outside the demo profile (set RECOVERY_DEMO=false)");
        }
        problems.addAll(DemoSecretsGuard.problems(environment));
        problems.addAll(RunbookActionsGuard.problems(environment));
        problems.addAll(CommandArgumentsGuard.problems(environment));
        return new Decision(profiles, false, List.copyOf(problems));
    }

    private static void requireDatabase(Environment environment, Set<String> profiles, List<String> problems) {
        if (!profiles.contains(POSTGRES)) {
            problems.add("no real database: profile 'postgres' is not active (PostgreSQL from SPRING_DATASOURCE_URL)");
            return;
        }
        String url = value(environment, "spring.datasource.url");
        if (url == null) {
            problems.add("no real database: spring.datasource.url is unset (set SPRING_DATASOURCE_URL)");
        } else if (url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
            problems.add("no real database: spring.datasource.url is an embedded H2 database "
                    + "(set SPRING_DATASOURCE_URL to PostgreSQL)");
        }
        if (value(environment, "spring.mail.host") == null) {
            problems.add("no mail server: spring.mail.host is unset (set SPRING_MAIL_HOST)");
        }
    }

    /** A profile name as the message shows it: quoted, control characters (CR, LF, NUL) as '?', at most 60 chars. */
    private static String quoted(String profile) {
        String printable = profile.replaceAll("\\p{Cntrl}", "?");
        return "'" + (printable.length() > 60 ? printable.substring(0, 60) + "…" : printable) + "'";
    }

    /** A property's value, or null when it is unset, blank or a placeholder without a value (${SPRING_DATASOURCE_URL}). */
    static String value(PropertyResolver environment, String property) {
        try {
            String value = environment.getProperty(property);
            return value == null || value.isBlank() ? null : value;
        } catch (IllegalArgumentException unresolvablePlaceholder) {
            return null;
        }
    }
}
