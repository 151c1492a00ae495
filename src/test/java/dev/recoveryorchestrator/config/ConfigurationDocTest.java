package dev.recoveryorchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code docs/configuration.md} is generated, and every property the shipped configuration sets is documented there.
 *
 * <p>The top-level properties come from {@code META-INF/spring-configuration-metadata.json}, which
 * {@code spring-boot-configuration-processor} writes from the {@code @ConfigurationProperties} records and the
 * {@code @param} lines of their Javadoc (plus {@code additional-spring-configuration-metadata.json} for the few keys
 * read without a record). The processor does not go into the elements of a list or a map (a monitor check, an
 * action, a tier), so their fields are read from the element record: its components by reflection, their meaning
 * from the {@code @param} lines of its Javadoc in {@code src/main/java}.
 *
 * <p>When the document is out of date the test fails and writes the new one to {@code target/configuration.md};
 * {@code -Drecovery.docs.write=true} writes it over {@code docs/configuration.md}.
 */
class ConfigurationDocTest {

    private static final Path DOC = Path.of("docs/configuration.md");
    private static final Path SOURCES = Path.of("src/main/java");
    private static final List<String> SHIPPED = List.of("application.yaml", "application-postgres.yaml",
            "application-local.yaml", "application-docker.yaml");

    @Test
    void everyPropertyHasAMeaningAndTheDocumentIsCurrent() throws IOException {
        List<Property> properties = properties();

        assertThat(properties.stream().filter(property -> property.meaning().isBlank()).map(Property::name))
                .as("properties without a meaning: add an @param line to the record's Javadoc")
                .isEmpty();

        String generated = render(properties);
        if (Boolean.getBoolean("recovery.docs.write")) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/configuration.md"), generated, StandardCharsets.UTF_8);
        String current = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        assertThat(current)
                .as("docs/configuration.md is out of date: the new one is target/configuration.md; "
                        + "mvn -q test -Dtest=ConfigurationDocTest -Drecovery.docs.write=true writes it in place")
                .isEqualTo(generated);
    }

    @Test
    void everyKeyTheShippedConfigurationSetsIsAKnownProperty() throws IOException {
        Map<String, Property> known = new TreeMap<>();
        properties().forEach(property -> known.put(property.name(), property));
        List<String> unknown = new ArrayList<>();
        for (String file : SHIPPED) {
            try (InputStream in = getClass().getResourceAsStream("/" + file)) {
                assertThat(in).as(file).isNotNull();
                Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
                for (Object document : yaml.loadAll(in)) {
                    if (document instanceof Map<?, ?> root && root.get("recovery") != null) {
                        walk("recovery", root.get("recovery"), known, unknown, file);
                    }
                }
            }
        }
        assertThat(unknown).as("keys set in the shipped configuration that no settings record reads").isEmpty();
    }

    @Test
    void aFieldOfAListElementIsDocumentedFromItsRecord() throws IOException {
        Map<String, Property> byName = properties().stream()
                .collect(Collectors.toMap(Property::name, property -> property, (a, b) -> a));
        assertThat(byName).containsKeys("recovery.monitor.checks[].name", "recovery.actions.*.steps[].command");
        assertThat(byName.get("recovery.actions.*.timeout").defaultValue()).isEqualTo("PT2M");
    }

    private static void walk(String path, Object node, Map<String, Property> known, List<String> unknown, String file) {
        Property property = known.get(path);
        if (property != null && property.leaf()) {
            return;
        }
        if (known.containsKey(path + "[]") || known.keySet().stream().anyMatch(name -> name.startsWith(path + "[]."))) {
            if (node instanceof List<?> list) {
                list.forEach(element -> walk(path + "[]", element, known, unknown, file));
                return;
            }
        }
        boolean isMap = known.keySet().stream().anyMatch(name -> name.startsWith(path + ".*"));
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String child = isMap ? path + ".*" : path + "." + entry.getKey();
                walk(child, entry.getValue(), known, unknown, file);
            }
            return;
        }
        if (property == null) {
            unknown.add(file + ": " + path);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** One documented key; {@code []} stands for any element of a list, {@code *} for any key of a map. */
    record Property(String name, String type, String defaultValue, String meaning, boolean leaf) {
    }

    static List<Property> properties() throws IOException {
        JsonNode metadata;
        try (InputStream in = ConfigurationDocTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the configuration processor's metadata (mvn compile writes it)").isNotNull();
            metadata = new ObjectMapper().readTree(in);
        }
        Map<String, Property> result = new TreeMap<>();
        for (JsonNode node : metadata.get("properties")) {
            String name = node.get("name").asText();
            if (!name.startsWith("recovery.")) {
                continue;
            }
            Type type = genericType(node);
            result.put(name, new Property(name, typeName(type), defaultValue(node.get("defaultValue")),
                    prose(node.path("description").asText("")), true));
            elementRecord(type).ifPresent(element -> expand(name + element.suffix(), element.type(), result));
        }
        return new ArrayList<>(result.values());
    }

    /** The field of the settings record a metadata entry names, found by its source type and name. */
    private static Type genericType(JsonNode node) {
        String sourceType = node.path("sourceType").asText("");
        String name = node.get("name").asText();
        String last = camel(name.substring(name.lastIndexOf('.') + 1));
        try {
            Class<?> source = Class.forName(sourceType);
            if (source.isRecord()) {
                for (RecordComponent component : source.getRecordComponents()) {
                    if (component.getName().equals(last)) {
                        return component.getGenericType();
                    }
                }
            }
        } catch (ClassNotFoundException notARecord) {
            // an additional-metadata key: its type name is all there is
        }
        return new NamedType(node.path("type").asText("String"));
    }

    private record NamedType(String name) implements Type {
        @Override
        public String getTypeName() {
            return name;
        }
    }

    private record Element(String suffix, Class<?> type) {
    }

    /** A list, a set or a map (also a map of lists) whose elements are one of our records, with the key's suffix. */
    private static Optional<Element> elementRecord(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return ours(arguments[0]).map(element -> new Element("[]", element))
                        .or(() -> elementRecord(arguments[0]).map(inner -> new Element("[]" + inner.suffix(), inner.type())));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return ours(arguments[1]).map(element -> new Element(".*", element))
                        .or(() -> elementRecord(arguments[1]).map(inner -> new Element(".*" + inner.suffix(), inner.type())));
            }
        }
        return Optional.empty();
    }

    private static Optional<Class<?>> ours(Type type) {
        Type raw = type instanceof ParameterizedType parameterized ? parameterized.getRawType() : type;
        if (raw instanceof Class<?> candidate && candidate.isRecord()
                && candidate.getName().startsWith("dev.recoveryorchestrator.")) {
            return Optional.of(candidate);
        }
        return Optional.empty();
    }

    private static void expand(String prefix, Class<?> record, Map<String, Property> result) {
        Map<String, String> meanings = paramsOf(record);
        RecordComponent[] components = record.getRecordComponents();
        java.lang.reflect.Parameter[] parameters;
        try {
            parameters = record.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new)).getParameters();
        } catch (NoSuchMethodException impossible) {
            throw new IllegalStateException("a record has its canonical constructor", impossible);
        }
        for (int index = 0; index < components.length; index++) {
            RecordComponent component = components[index];
            String name = prefix + "." + kebab(component.getName());
            Type type = component.getGenericType();
            Optional<Class<?>> nested = ours(type);
            Optional<Element> element = elementRecord(type);
            // @DefaultValue targets parameters: it sits on the canonical constructor's, not on the component
            DefaultValue annotation = parameters[index].getAnnotation(DefaultValue.class);
            String defaultValue = annotation == null ? "" : String.join(", ", annotation.value());
            boolean leaf = nested.isEmpty();
            result.put(name, new Property(name, typeName(type), defaultValue,
                    prose(meanings.getOrDefault(component.getName(), "")), leaf));
            nested.ifPresent(inner -> expand(name, inner, result));
            element.ifPresent(inner -> expand(name + inner.suffix(), inner.type(), result));
        }
    }

    private static final Pattern PARAM = Pattern.compile("@param\\s+(\\w+)\\s+(.*?)(?=\\s@\\w|$)", Pattern.DOTALL);

    /** The {@code @param} lines of the Javadoc just above {@code record Name(} in the record's source file. */
    static Map<String, String> paramsOf(Class<?> record) {
        Class<?> outer = record;
        while (outer.getEnclosingClass() != null) {
            outer = outer.getEnclosingClass();
        }
        Path file = SOURCES.resolve(outer.getName().replace('.', '/') + ".java");
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException missing) {
            return Map.of();
        }
        Matcher declaration = Pattern.compile("\\brecord\\s+" + record.getSimpleName() + "\\s*\\(").matcher(source);
        if (!declaration.find()) {
            return Map.of();
        }
        int end = source.lastIndexOf("*/", declaration.start());
        int start = source.lastIndexOf("/**", end);
        if (start < 0 || end < 0) {
            return Map.of();
        }
        String between = source.substring(end + 2, declaration.start());
        if (between.contains(";") || between.contains("}")) {
            return Map.of();
        }
        String javadoc = source.substring(start + 3, end).lines()
                .map(line -> line.replaceFirst("^\\s*\\*\\s?", ""))
                .collect(Collectors.joining(" "));
        Map<String, String> params = new LinkedHashMap<>();
        Matcher param = PARAM.matcher(javadoc);
        while (param.find()) {
            params.put(param.group(1), param.group(2).trim());
        }
        return params;
    }

    // ---------------------------------------------------------------------------------------------------------

    private static String render(List<Property> properties) {
        Map<String, List<Property>> byGroup = new TreeMap<>();
        for (Property property : properties) {
            String[] parts = property.name().split("\\.");
            String group = parts.length > 2 ? parts[0] + "." + parts[1].replace("[]", "") : property.name();
            if (parts.length > 2 && parts[1].equals("runbook")) {
                group = parts[0] + "." + parts[1] + "." + parts[2];
            }
            byGroup.computeIfAbsent(group, key -> new ArrayList<>()).add(property);
        }
        StringBuilder out = new StringBuilder();
        out.append("# Configuration\n\n")
                .append("<!-- Generated by ConfigurationDocTest from the @ConfigurationProperties records and their Javadoc. "
                        + "Do not edit: change the record's @param line, then run\n")
                .append("     mvn -q test -Dtest=ConfigurationDocTest -Drecovery.docs.write=true -->\n\n")
                .append("Every `recovery.*` property, with its type, its default and what it means. Set them in ")
                .append("`application.yaml` (or a profile's file), as environment variables (`RECOVERY_MONITOR_INTERVAL`), ")
                .append("or on the command line (`--recovery.monitor.interval=PT2S`). Durations are ISO-8601 (`PT30S`, ")
                .append("`PT4H`, `P14D`). In a name, `[]` stands for any element of a list and `*` for any key of a map; ")
                .append("the profiles (`postgres`, `local`, `docker`) set many of these, see the files under ")
                .append("`src/main/resources/`.\n\n");
        out.append("Groups: ");
        out.append(byGroup.keySet().stream().map(group -> "[`" + group + "`](#" + anchor(group) + ")")
                .collect(Collectors.joining(" · ")));
        out.append("\n");
        for (Map.Entry<String, List<Property>> group : byGroup.entrySet()) {
            out.append("\n## ").append(group.getKey()).append("\n\n");
            out.append("| property | type | default | meaning |\n|---|---|---|---|\n");
            for (Property property : group.getValue()) {
                out.append("| `").append(property.name()).append("` | ").append(cell(property.type())).append(" | ")
                        .append(property.defaultValue().isEmpty() ? "" : "`" + cell(property.defaultValue()) + "`")
                        .append(" | ").append(cell(property.meaning())).append(" |\n");
            }
        }
        return out.toString();
    }

    private static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String prose(String javadoc) {
        return javadoc.replaceAll("\\{@(?:code|literal) ([^}]*)}", "`$1`")
                .replaceAll("\\{@link(?:plain)? #?([^}]*)}", "`$1`")
                .replaceAll("</?(?:p|em|b|i|ul|ol|li|br)\\s*/?>", "")
                .replaceAll("\\s+", " ").trim();
    }

    private static String defaultValue(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isArray()) {
            List<String> values = new ArrayList<>();
            node.forEach(value -> values.add(value.asText()));
            return String.join(", ", values);
        }
        return node.asText();
    }

    private static String typeName(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            String raw = simple(parameterized.getRawType().getTypeName());
            String arguments = Arrays.stream(parameterized.getActualTypeArguments()).map(ConfigurationDocTest::typeName)
                    .collect(Collectors.joining(", "));
            return switch (raw) {
                case "List", "Set" -> "list of " + arguments;
                case "Map" -> "map of " + arguments.replaceFirst(", ", " → ");
                default -> raw + "<" + arguments + ">";
            };
        }
        if (type instanceof Class<?> cls && cls.isEnum()) {
            return "one of " + Arrays.stream(cls.getEnumConstants())
                    .map(constant -> constant.toString().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", "));
        }
        if (type instanceof Class<?> cls && cls.isRecord()) {
            return "(below)";
        }
        String name = type.getTypeName();
        if (name.contains("<")) {
            return name.replaceAll("[\\w.$]+\\.", "");
        }
        return simple(name);
    }

    private static String simple(String name) {
        String simple = name.substring(name.lastIndexOf('.') + 1);
        simple = simple.substring(simple.lastIndexOf('$') + 1);
        return switch (simple) {
            case "int", "Integer", "long", "Long" -> "integer";
            case "boolean", "Boolean" -> "boolean";
            case "Path" -> "path";
            case "URI" -> "URL";
            case "ZoneId" -> "time zone";
            case "Pattern" -> "regular expression";
            default -> simple;
        };
    }

    private static String camel(String kebab) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
