package dev.recoveryorchestrator.taskform;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormField;

/**
 * One field of a task's {@code camunda:formData}: what the form asks for. The engine checks the same definition
 * again when the form is submitted (a required field left empty is refused there too).
 *
 * @param choices an enum field's values in their order: value id → label
 */
record FormField(String id, String label, String type, boolean required, Map<String, String> choices) {

    static FormField of(CamundaFormField field) {
        boolean required = field.getCamundaValidation() != null && field.getCamundaValidation().getCamundaConstraints()
                .stream().anyMatch(constraint -> "required".equals(constraint.getCamundaName()));
        Map<String, String> choices = new LinkedHashMap<>();
        field.getCamundaValues().forEach(value -> choices.put(value.getCamundaId(), value.getCamundaName()));
        String label = field.getCamundaLabel() == null ? field.getCamundaId() : field.getCamundaLabel();
        return new FormField(field.getCamundaId(), label, field.getCamundaType(), required, choices);
    }
}
