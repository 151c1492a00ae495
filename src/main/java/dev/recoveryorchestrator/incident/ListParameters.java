package dev.recoveryorchestrator.incident;

import dev.recoveryorchestrator.config.InvalidInputException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The query parameters of {@code GET /api/incidents}, checked one by one: a bad one is a 400 that names it, and
 * nothing from a parameter reaches SQL but as a bound value.
 */
final class ListParameters {

    private ListParameters() {
    }

    static IncidentQuery query(String state, String type, String from, String to, String page, String size,
            ZoneId zone) {
        return query(state, type, from, to, page, size, null, zone);
    }

    static IncidentQuery query(String state, String type, String from, String to, String page, String size,
            String drill, ZoneId zone) {
        Optional<IncidentState> wantedState = Optional.ofNullable(state).map(IncidentController::parseState);
        Optional<FailureType> wantedType = Optional.ofNullable(type).map(t -> FailureType.parse(t)
                .orElseThrow(() -> new InvalidInputException("type", "type must be a failure type id or 1-5")));
        Optional<Instant> since = Optional.ofNullable(from).map(value -> instant("from", value, zone));
        Optional<Instant> until = Optional.ofNullable(to).map(value -> instant("to", value, zone));
        if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
            throw new InvalidInputException("to", "to must be after from");
        }
        int pageNumber = number("page", page, 0, 0, IncidentQuery.MAX_PAGE);
        int pageSize = number("size", size, IncidentQuery.DEFAULT_SIZE, 1, IncidentQuery.MAX_SIZE);
        Optional<Boolean> wantedDrill = Optional.ofNullable(drill).map(ListParameters::drill);
        return new IncidentQuery(wantedState, wantedType, since, until, pageNumber, pageSize, wantedDrill);
    }

    private static boolean drill(String value) {
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.parseBoolean(value);
        }
        throw new InvalidInputException("drill", "drill must be true (drills only) or false (real incidents only)");
    }

    /** {@code Link} header with the next and previous pages, keeping the filters as given. */
    static String links(IncidentQuery query, long total, String state, String type, String from, String to) {
        List<String> links = new ArrayList<>();
        String drill = query.drill().map(String::valueOf).orElse(null);
        if ((long) (query.page() + 1) * query.size() < total) {
            links.add(link(query.page() + 1, query.size(), state, type, from, to, drill, "next"));
        }
        if (query.page() > 0) {
            links.add(link(query.page() - 1, query.size(), state, type, from, to, drill, "prev"));
        }
        return String.join(", ", links);
    }

    private static String link(int page, int size, String state, String type, String from, String to, String drill,
            String rel) {
        StringBuilder url = new StringBuilder("</api/incidents?page=").append(page).append("&size=").append(size);
        append(url, "state", state);
        append(url, "type", type);
        append(url, "from", from);
        append(url, "to", to);
        append(url, "drill", drill);
        return url.append(">; rel=\"").append(rel).append('"').toString();
    }

    private static void append(StringBuilder url, String name, String value) {
        if (value != null) {
            url.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static Instant instant(String name, String value, ZoneId zone) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name, name + " must be ISO-8601 with an offset (2025-09-01T03:00:00+09:00)"
                    + " or a date (2025-09-01)");
        }
    }

    private static int number(String name, String value, int otherwise, int min, int max) {
        if (value == null) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw new InvalidInputException(name, name + " must be a whole number from " + min + " to " + max);
    }
}
