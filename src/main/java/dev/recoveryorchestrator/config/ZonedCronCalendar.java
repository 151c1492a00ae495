package dev.recoveryorchestrator.config;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.scheduling.support.CronExpression;

/**
 * The engine's "cycle" calendar with cron evaluated in {@code recovery.time-zone} instead of the JVM's default zone
 * (Camunda's own evaluates cron with {@code ZoneId.systemDefault()}): {@code 0 0 10 * * MON} fires Monday 10:00 in
 * Seoul even on a server that runs in UTC. Cron has the same (Spring 5.3) syntax as Camunda's; ISO-8601 repeating
 * intervals ({@code R/…}) are left to the engine.
 */
public class ZonedCronCalendar extends CycleBusinessCalendar {

    private final ZoneId zone;

    public ZonedCronCalendar(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public Date resolveDuedate(String description, Date startDate, long repeatOffset) {
        if (description == null || description.startsWith("R")) {
            return super.resolveDuedate(description, startDate, repeatOffset);
        }
        return next(description, startDate == null ? ClockUtil.getCurrentTime() : startDate);
    }

    /** The first time after {@code after} that {@code cron} names, in this calendar's zone. */
    public Date next(String cron, Date after) {
        CronExpression expression;
        try {
            expression = CronExpression.parse(cron.strip());
        } catch (IllegalArgumentException e) {
            throw new ProcessEngineException("not a cron expression: " + cron + " (" + e.getMessage() + ")", e);
        }
        ZonedDateTime next = expression.next(after.toInstant().atZone(zone));
        if (next == null) {
            throw new ProcessEngineException("cron expression " + cron + " never fires after " + after);
        }
        return Date.from(next.toInstant());
    }
}
