package com.supportdesk.it.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.supportdesk.api.Json;
import com.supportdesk.local.template.SamTemplate;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * template.yaml is a valid SAM template by the published SAM JSON schema. The schema is not copied into
 * the repository: it is read from the path in the {@code sam.schema.path} property (by default the
 * shared schemas folder beside the repository), and the test is skipped with a notice where it is absent.
 */
class SamSchemaTest {

    @Test
    void templateValidatesAgainstTheSamSchema() throws Exception {
        String configured = System.getProperty("sam.schema.path", "");
        Path schemaFile = configured.isBlank() ? null : Path.of(configured);
        if (schemaFile == null || !Files.isRegularFile(schemaFile)) {
            System.err.println("NOTICE: SAM schema not found at '" + configured
                    + "'; template.yaml schema validation skipped (set -Dsam.schema.path=...)");
            Assumptions.abort("SAM schema not found at '" + configured + "'");
        }
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(schemaFile)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        // The long form of every intrinsic (!Ref → {"Ref": ...}) is what the schema understands.
        JsonNode template = Json.MAPPER.valueToTree(SamTemplate.ofProject().document());
        Set<ValidationMessage> problems = schema.validate(template);
        assertThat(problems).as("SAM schema violations").isEmpty();
    }
}
