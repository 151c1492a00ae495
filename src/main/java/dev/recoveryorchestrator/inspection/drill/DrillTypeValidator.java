package dev.recoveryorchestrator.inspection.drill;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidator;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorContext;
import org.springframework.stereotype.Component;

/**
 * The start form's check of {@code drillType} ({@code ${drillTypeValidator}}): only a failure type id passes, so that
 * a submitted form with anything else is refused with a 400 before any instance starts. A drill started otherwise (a
 * call activity, the REST start) is checked again by its first step and REFUSED.
 */
@Component("drillTypeValidator")
class DrillTypeValidator implements FormFieldValidator {

    @Override
    public boolean validate(Object submittedValue, FormFieldValidatorContext context) {
        return Drills.type(submittedValue).isPresent();
    }
}
