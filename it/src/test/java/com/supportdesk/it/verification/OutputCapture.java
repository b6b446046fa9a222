package com.supportdesk.it.verification;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Everything written to System.out and System.err while it is open (and still shown on the console). */
final class OutputCapture implements AutoCloseable {
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    OutputCapture() {
        System.setOut(new PrintStream(new TeeStream(new Tee(originalOut, captured)), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new TeeStream(new Tee(originalErr, captured)), true, StandardCharsets.UTF_8));
    }

    String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private record Tee(OutputStream console, ByteArrayOutputStream copy) {
        void write(byte[] b, int off, int len) throws java.io.IOException {
            console.write(b, off, len);
            synchronized (copy) {
                copy.write(b, off, len);
            }
        }
    }

    private static final class TeeStream extends OutputStream {
        private final Tee tee;

        TeeStream(Tee tee) {
            this.tee = tee;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            tee.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            tee.write(b, off, len);
        }
    }
}
