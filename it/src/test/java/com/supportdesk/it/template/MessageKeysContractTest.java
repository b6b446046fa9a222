package com.supportdesk.it.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import com.supportdesk.i18n.ApiTexts;
import com.supportdesk.i18n.Messages;
import com.supportdesk.local.template.ProjectRoot;
import com.supportdesk.model.Category;
import com.supportdesk.model.Language;
import com.supportdesk.model.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The code and the message bundles agree (decision 0013): every text key the sources name is in the
 * bundles (so in every language: ApiTextsBundleTest), every refusal code the sources throw has its text,
 * and every key of the bundles is used by some code path, so no text is translated for nothing and no
 * code path falls back to a missing key at run time. The sources are read as text: keys are always
 * written out whole ({@code Text.of("NOT_FOUND.case", ...)}), except in the few families this test names.
 */
class MessageKeysContractTest {
    private static final Pattern TEXT_KEY = Pattern.compile("Text\\.of\\(\\s*\"([^\"]+)\"");
    private static final Pattern PROBLEM = Pattern.compile("invalid\\(\\s*[^,()]+,\\s*\"([a-zA-Z]+)\"");
    private static final Pattern REFUSAL_CODE = Pattern.compile(
            "(?:Refusal\\.(?:invalid|conflict|ruleBroken|locked|tooMany|dependencyFailed|unavailable)\\("
                    + "|TransportRefusal\\(\\s*\\d+,|HttpErrors\\.of\\(\\s*\\d+,)\\s*\"([A-Z][A-Z0-9_]*)\"");
    private static final Pattern CODE_CONSTANT =
            Pattern.compile("static final String [A-Z0-9_]+ = \"([A-Z][A-Z0-9_]*[A-Z])\";");
    private static final Pattern QUOTED = Pattern.compile("\"([A-Za-z][A-Za-z0-9_.\\-/]*)\"");

    private static final Messages BUNDLE = ApiTexts.bundle();
    /** Where refusal codes are named by constants (the support policy's rules, the page tokens). */
    private static final List<String> CODE_CONSTANT_FILES = List.of(
            "shared/src/main/java/com/supportdesk/cases/CaseRules.java",
            "shared/src/main/java/com/supportdesk/cases/PageTokens.java");

    private static String sources;
    private static String constantSources;
    private static final Set<String> quoted = new TreeSet<>();

    @BeforeAll
    static void readSources() throws IOException {
        Path root = ProjectRoot.find();
        List<Path> dirs = new ArrayList<>(
                List.of(root.resolve("shared/src/main/java"), root.resolve("lambda-http/src/main/java")));
        try (Stream<Path> functions = Files.list(root.resolve("functions"))) {
            functions
                    .map(f -> f.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .forEach(dirs::add);
        }
        StringBuilder all = new StringBuilder();
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    all.append(Files.readString(file, StandardCharsets.UTF_8)).append('\n');
                }
            }
        }
        sources = all.toString();
        StringBuilder constants = new StringBuilder();
        for (String file : CODE_CONSTANT_FILES) {
            constants.append(Files.readString(root.resolve(file), StandardCharsets.UTF_8));
        }
        constantSources = constants.toString();
        Matcher m = QUOTED.matcher(sources);
        while (m.find()) {
            quoted.add(m.group(1));
        }
    }

    @Test
    void everyKeyTheCodeNamesIsInTheBundles() {
        Set<String> missing = new TreeSet<>();
        for (String key : matches(TEXT_KEY)) {
            // "category." + name: a family, checked below
            if (!key.endsWith(".") && !BUNDLE.has(key)) {
                missing.add(key);
            }
        }
        for (String problem : matches(PROBLEM)) {
            if (!BUNDLE.has("VALIDATION_FAILED." + problem)) {
                missing.add("VALIDATION_FAILED." + problem);
            }
        }
        assertThat(missing).as("keys named in the code but in no bundle").isEmpty();
        assertThat(matches(TEXT_KEY)).as("the scan finds the refusals' texts").hasSizeGreaterThan(40);
    }

    @Test
    void everyRefusalCodeHasItsTextInEveryLanguage() {
        Set<String> codes = new TreeSet<>(matches(REFUSAL_CODE));
        codes.addAll(constantCodes());
        codes.addAll(List.of("UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "VALIDATION_FAILED"));
        assertThat(codes).contains("SEVERITY_A_REQUIRES_ADVANCED_TECHNICAL", "IDEMPOTENCY_KEY_REUSED", "INTERNAL");
        Set<String> without = new TreeSet<>();
        for (String code : codes) {
            for (Language language : Language.values()) {
                boolean has = BUNDLE.keys(language).stream().anyMatch(k -> k.equals(code) || k.startsWith(code + "."));
                if (!has) {
                    without.add(code + " (" + language.tag() + ")");
                }
            }
        }
        assertThat(without).as("refusal codes without a message").isEmpty();
    }

    @Test
    void everyKeyOfTheBundlesIsUsed() throws IOException {
        Set<String> unused = new TreeSet<>();
        Set<String> families = families();
        for (String key : BUNDLE.keys(Language.EN)) {
            String base = key.replaceFirst("\\.(one|other|\\d+)$", "");
            boolean used = quoted.contains(key)
                    || quoted.contains(base)
                    || families.contains(key)
                    || families.contains(base)
                    || (key.startsWith("VALIDATION_FAILED.")
                            && matches(PROBLEM).contains(key.substring("VALIDATION_FAILED.".length())));
            if (!used) {
                unused.add(key + " (" + BUNDLE.area(key) + ")");
            }
        }
        assertThat(unused).as("keys no code path uses").isEmpty();
    }

    /** Keys the code composes from a value: a name of an enum, a code, a country of the phone directory. */
    private static Set<String> families() throws IOException {
        Set<String> keys = new TreeSet<>();
        Arrays.stream(Category.values()).forEach(c -> keys.add("category." + c.name()));
        Arrays.stream(DayOfWeek.values()).forEach(d -> keys.add("day." + d.name()));
        for (Severity severity : Severity.values()) {
            for (String part : List.of("label", "definition", "example", "provide")) {
                keys.add("severity." + severity.name() + "." + part);
            }
        }
        for (String code : constantCodes()) {
            keys.add("unavailable." + code);
        }
        for (String unit : List.of("hours", "minutes", "businessDays")) {
            keys.add("target." + unit);
        }
        keys.add("zone.Asia/Shanghai");
        JsonNode directory = Json.MAPPER.readTree(ProjectRoot.find()
                .resolve("shared/src/main/resources/directory/phone-directory.json")
                .toFile());
        for (JsonNode line : directory.get("lines")) {
            keys.add("directory." + line.get("country").asText() + ".label");
            keys.add("directory." + line.get("country").asText() + ".hours");
        }
        return keys;
    }

    private static Set<String> constantCodes() {
        Set<String> found = new TreeSet<>();
        Matcher m = CODE_CONSTANT.matcher(constantSources);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static Set<String> matches(Pattern pattern) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(sources);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
