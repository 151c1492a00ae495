package dev.recoveryorchestrator;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class whose outcome could depend on the date: it names files by day, measures ages in days or fires timers
 * at a local hour. Besides the normal run, {@code mvn verify} runs these classes again with the engine clock pinned
 * just before and just after midnight UTC ({@link TestClock}) and the JVM's zone at UTC and at Asia/Seoul (the
 * {@code date-*} executions in the pom), so a date taken in the wrong zone fails the build at any hour.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(DateSensitive.TAG)
public @interface DateSensitive {

    String TAG = "date-sensitive";
}
