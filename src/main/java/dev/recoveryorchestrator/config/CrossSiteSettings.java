package dev.recoveryorchestrator.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which pages may change state through {@code /api} ({@link CrossSiteRequestFilter}).
 *
 * @param allowedOrigins origins besides the application's own ({@code scheme://host[:port]}, as a browser sends them
 *                       in {@code Origin}) whose pages may call the API's state-changing routes, e.g. the address a
 *                       reverse proxy serves the application under; none by default
 */
@Validated
@ConfigurationProperties("recovery.security.cross-site")
record CrossSiteSettings(@DefaultValue List<String> allowedOrigins) {

    CrossSiteSettings {
        allowedOrigins = allowedOrigins == null ? List.of()
                : allowedOrigins.stream().map(CrossSiteSettings::normalized).toList();
    }

    /** An origin without a trailing slash, in lower case (scheme and host are case-insensitive). */
    static String normalized(String origin) {
        String trimmed = origin.strip().toLowerCase(java.util.Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
