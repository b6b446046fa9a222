package com.supportdesk.local.template;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root: the {@code supportdesk.root} property, else the nearest folder with template.yaml. */
public final class ProjectRoot {
    private ProjectRoot() {}

    public static Path find() {
        String configured = System.getProperty("supportdesk.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("local"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                "Cannot find the project root (a folder with template.yaml); set -Dsupportdesk.root");
    }
}
