package com.supportdesk.notifications.delivery;

/**
 * Text for a mail subject or an SNS subject: one line. A value that reaches a header with a CR or LF in
 * it could add headers of its own (an organisation named {@code "Contoso\r\nBcc: someone"}), so line
 * breaks, every other control character, line and paragraph separators and invisible format characters
 * (bidirectional overrides among them) become spaces, and runs of whitespace one space.
 */
public final class HeaderText {
    /** SNS refuses a subject of 100 characters or more, and anything but printable ASCII. */
    static final int TOPIC_SUBJECT_MAX = 99;

    private HeaderText() {}

    public static String singleLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (breaksTheLine(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.appendCodePoint(c);
        }
        return out.toString();
    }

    /** A subject SNS accepts: one line of printable ASCII, shorter than 100 characters. */
    public static String topicSubject(String text) {
        String line = singleLine(text);
        StringBuilder ascii = new StringBuilder(line.length());
        for (int i = 0; i < line.length() && ascii.length() < TOPIC_SUBJECT_MAX; i++) {
            char c = line.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                ascii.append(c);
            }
        }
        String subject = singleLine(ascii.toString());
        return subject.isEmpty() ? "Support Desk notification" : subject;
    }

    private static boolean breaksTheLine(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.FORMAT;
    }
}
