package com.supportdesk.it.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.it.support.LocalAwsExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reads every line that the build's tests wrote - each module's {@code target/surefire-reports*}
 * {@code /<class>-output.txt}, where surefire puts each test class's standard output and error - and fails
 * on any that holds a PIN code, a token, a key, or an email address or phone number that is not masked.
 *
 * <p>Why files and not a capture in the tests: surefire's capture sees every line written by any thread of
 * the test JVM, however the logger was set up, in every module, for every test engine (JUnit and jqwik);
 * nothing in the code under test changes to be scanned. It runs in its own surefire execution after all
 * the others of the build ({@code log-hygiene}, phase integration-test of the it module), so it sees their
 * complete output.
 */
class LogHygieneScan {
    /** A code as sent or read out: 8 digits, or two groups of 4, not part of a longer number or id. */
    static final Pattern PIN_CODE = Pattern.compile("(?<![0-9A-Za-z_.:-])[0-9]{4}[ -]?[0-9]{4}(?![0-9A-Za-z_:-])");
    /** A JSON Web Token (header and payload are base64url JSON objects). */
    static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.");
    /** A page token of case lists ({@code pt1.}) or of the resolved-incident history ({@code ht1.}). */
    static final Pattern PAGE_TOKEN = Pattern.compile("[ph]t1\\.[A-Za-z0-9_-]{20,}");
    /** A 256-bit key in hex, as the local runner makes them. */
    static final Pattern HEX_KEY = Pattern.compile("(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])");
    /** An email address whose local part is shown (a masked one reads {@code a***@contoso.com}). */
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    /** An E.164 number in full (a masked one reads {@code +86 *** **** 0365}). */
    static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}(?![0-9])");

    private static final Map<String, Pattern> LEAKS = new LinkedHashMap<>();

    static {
        LEAKS.put("a PIN code", PIN_CODE);
        LEAKS.put("a JWT", JWT);
        LEAKS.put("a page token", PAGE_TOKEN);
        LEAKS.put("a hex key", HEX_KEY);
        LEAKS.put("an email address", EMAIL);
        LEAKS.put("a phone number", PHONE);
    }

    /** The keys the tests configure: none may ever be written out. */
    private static final List<String> KNOWN_KEYS = List.of(
            LocalAwsExtension.LOCAL_SETTINGS.get("PIN_HMAC_KEY"),
            LocalAwsExtension.LOCAL_SETTINGS.get("PAGE_TOKEN_KEY"),
            "s3cr3tKeyFromSecretsManager",
            "a-stray-local-key-that-must-never-win",
            "another-key-another-key-another-key",
            "pageTokenSecretFromSecretsManager");

    @Test
    void noLineOfTheBuildsTestOutputLeaksASecretOrAContact() throws IOException {
        Path root = Path.of(System.getProperty("supportdesk.root", "..")).toAbsolutePath();
        List<Path> outputs = outputFiles(root);
        assertThat(outputs)
                .as("test output files (is redirectTestOutputToFile on?)")
                .anyMatch(p -> p.toString().contains("supportdesk.it."));
        List<String> leaks = new ArrayList<>();
        long lines = 0;
        for (Path file : outputs) {
            List<String> content = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < content.size(); i++) {
                lines++;
                String where = root.relativize(file) + ":" + (i + 1) + " ";
                leaksIn(content.get(i)).forEach(what -> leaks.add(where + what));
            }
        }
        System.out.println("Log hygiene: " + lines + " lines in " + outputs.size() + " files scanned");
        assertThat(leaks).as("lines that leak").isEmpty();
    }

    @Test
    void thePatternsCatchWhatTheyAreFor() {
        assertThat(leaksIn("{\"message\":\"code 1234 5678 sent\"}")).containsExactly("a PIN code");
        assertThat(leaksIn("code=12345678")).containsExactly("a PIN code");
        assertThat(leaksIn("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")).containsExactly("a JWT");
        assertThat(leaksIn("nextToken=pt1.AAECAwQFBgcICQoLDA0ODxAREhMUFRYX")).containsExactly("a page token");
        assertThat(leaksIn("nextToken=ht1.AAECAwQFBgcICQoLDA0ODxAREhMUFRYX")).containsExactly("a page token");
        assertThat(leaksIn("key " + "0123456789abcdef".repeat(4))).containsExactly("a hex key");
        assertThat(leaksIn("to li.na@contoso.example")).containsExactly("an email address");
        assertThat(leaksIn("to +8613800138000")).containsExactly("a phone number");
        assertThat(leaksIn("HMAC " + LocalAwsExtension.LOCAL_SETTINGS.get("PIN_HMAC_KEY")))
                .containsExactly("a configured key");
        // what a log line may hold
        assertThat(
                        leaksIn(
                                "{\"timestamp\":\"2026-11-29T19:17:24.195Z\",\"function_request_id\":\"d261db63-7671-4d9c-b1fd-1eb0af5c03e9\","
                                        + "\"destination\":\"i***@contoso.example\",\"phone\":\"+86 *** **** 0365\",\"epochMillis\":1795741200000,"
                                        + "\"verificationId\":\"VER-7K3M-Q9TX-2B4D-H8JN\",\"caseId\":\"CS-7K3M-Q9TX-4HNP\",\"port\":\"127.0.0.1:38291\"}"))
                .isEmpty();
    }

    static List<String> leaksIn(String line) {
        List<String> found = new ArrayList<>();
        for (String key : KNOWN_KEYS) {
            if (line.contains(key)) {
                found.add("a configured key");
            }
        }
        LEAKS.forEach((what, pattern) -> {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                found.add(what);
            }
        });
        return found;
    }

    /** Every test class's output of every module, except this scan's own. */
    private static List<Path> outputFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root, 6)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-output.txt"))
                    .filter(p -> p.getParent().getFileName().toString().startsWith("surefire-reports"))
                    .filter(p ->
                            p.getParent().getParent().getFileName().toString().equals("target"))
                    .filter(p -> !p.toString().contains("node_modules"))
                    .sorted()
                    .toList();
        }
    }
}
