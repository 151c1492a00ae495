package dev.recoveryorchestrator.taskform;

import dev.recoveryorchestrator.config.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormData;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Serves the embedded form every user task names ({@code camunda:formKey="embedded:/forms/<process>/<task>.html"}),
 * generated from the task's {@code camunda:formData} in the newest deployed version of the process that has the
 * task. The page holds the model's labels and the engine's current time, no incident data (that comes from the
 * task's own variable, read with the Tasklist user's rights), so it needs no login.
 */
@RestController
class TaskFormController {

    static final String PATH = "/forms/";
    private static final Pattern PROCESS_KEY = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,127}");

    private final RepositoryService repository;
    private final Map<String, Form> forms = new ConcurrentHashMap<>();

    TaskFormController(RepositoryService repository) {
        this.repository = repository;
    }

    @GetMapping(value = PATH + "{process}/{task}.html", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> form(@PathVariable String process, @PathVariable String task) {
        if (!PROCESS_KEY.matcher(process).matches()) {
            throw new InvalidInputException("process", "must be a process definition key (a-z, 0-9, -)");
        }
        if (!TASK_ID.matcher(task).matches()) {
            throw new InvalidInputException("task", "must be a BPMN element id (A-Z, a-z, 0-9, _, -)");
        }
        Form form = find(process, task).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no user task " + task + " in any deployed version of " + process));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .body(TaskFormHtml.render(form.name(), form.fields(), ClockUtil.getCurrentTime().toInstant()));
    }

    /** The task in the newest version of {@code process} that has it; definitions never change once deployed. */
    private Optional<Form> find(String process, String task) {
        List<ProcessDefinition> versions = repository.createProcessDefinitionQuery().processDefinitionKey(process)
                .orderByProcessDefinitionVersion().desc().list();
        for (ProcessDefinition version : versions) {
            String key = version.getId() + "#" + task;
            Form form = forms.get(key);
            if (form == null) {
                form = read(version, task).orElse(null);
                if (form == null) {
                    continue; // not cached: asking for tasks that do not exist must not grow the cache
                }
                forms.put(key, form);
            }
            return Optional.of(form);
        }
        return Optional.empty();
    }

    private Optional<Form> read(ProcessDefinition version, String task) {
        if (!(repository.getBpmnModelInstance(version.getId()).getModelElementById(task) instanceof UserTask userTask)) {
            return Optional.empty();
        }
        List<FormField> fields = userTask.getExtensionElements() == null ? List.of()
                : userTask.getExtensionElements().getElementsQuery().filterByType(CamundaFormData.class).list().stream()
                        .flatMap(data -> data.getCamundaFormFields().stream()).map(FormField::of).toList();
        return Optional.of(new Form(userTask.getName() == null ? task : userTask.getName(), fields));
    }

    private record Form(String name, List<FormField> fields) {
    }
}
