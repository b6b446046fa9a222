package com.supportdesk.local.emulators;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds node and npm and installs the pinned emulators with {@code npm ci} when they are missing. */
final class NodeTools {
    private NodeTools() {}

    static String node() {
        return System.getenv().getOrDefault("SUPPORT_DESK_NODE", "node");
    }

    static String npm() {
        return System.getenv().getOrDefault("SUPPORT_DESK_NPM", "npm");
    }

    /**
     * Runs {@code npm ci} in the emulators folder unless its node_modules already matches the lock file
     * (npm writes node_modules/.package-lock.json; when it is newer than package-lock.json the install is current).
     */
    static synchronized void ensureInstalled(Path emulatorsDir) throws IOException {
        Path lock = emulatorsDir.resolve("package-lock.json");
        Path installed = emulatorsDir.resolve("node_modules/.package-lock.json");
        if (Files.exists(installed)
                && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
            return;
        }
        Process npm = new ProcessBuilder(List.of(npm(), "ci", "--no-audit", "--no-fund", "--loglevel=error"))
                .directory(emulatorsDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            int exit = npm.waitFor();
            if (exit != 0) {
                throw new IOException(
                        "npm ci failed in " + emulatorsDir + " (exit " + exit + "); is Node.js 18+ installed?");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while installing the emulators", e);
        }
    }
}
