package dev.recoveryorchestrator.config;

import org.camunda.bpm.engine.impl.calendar.BusinessCalendarManager;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Makes every cron timer of the engine ({@code backup-daily}, {@code inspection-weekly}, {@code inspection-monthly})
 * fire at the configured local time ({@code recovery.time-zone}), whatever the JVM's zone: replaces the engine's
 * "cycle" calendar with {@link ZonedCronCalendar}.
 */
@Component
class ZonedCronPlugin extends AbstractProcessEnginePlugin {

    private final TimeZoneSettings settings;

    ZonedCronPlugin(TimeZoneSettings settings) {
        this.settings = settings;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        BusinessCalendarManager calendars = configuration.getBusinessCalendarManager();
        if (calendars instanceof MapBusinessCalendarManager map) {
            map.addBusinessCalendar(CycleBusinessCalendar.NAME, new ZonedCronCalendar(settings.timeZone()));
        } else {
            throw new IllegalStateException("the engine's business calendar manager is " + calendars.getClass()
                    + "; cron timers could not be put into " + settings.timeZone());
        }
    }
}
