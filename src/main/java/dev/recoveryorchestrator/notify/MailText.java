package dev.recoveryorchestrator.notify;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.regex.Pattern;

/**
 * What text from outside may look like where it becomes part of a mail. A header value (the subject) is one line
 * of printable text: control characters (CR, LF, NUL, ...) and Unicode line separators become spaces, so no value
 * can add a header or end the headers. A body keeps its lines; only NUL goes, which neither SMTP nor PostgreSQL
 * text can carry. A recipient is a single plain address ({@code name@host}), nothing a mail library could read as
 * a list, a group or a display name.
 */
public final class MailText {

    /** Subjects longer than this are cut: a mail client shows about 80 characters anyway. */
    static final int MAX_HEADER = 250;
    private static final Pattern NOT_PRINTABLE = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]+");
    private static final Pattern SPACES = Pattern.compile(" {2,}");
    private static final Pattern PLAIN_ADDRESS = Pattern.compile("[^\\s\\p{Cc},;:\"<>()\\[\\]\\\\@]+@[A-Za-z0-9.-]+");

    private MailText() {
    }

    static String header(String value) {
        String line = SPACES.matcher(NOT_PRINTABLE.matcher(value).replaceAll(" ")).replaceAll(" ").strip();
        if (line.length() <= MAX_HEADER) {
            return line;
        }
        int cut = MAX_HEADER - 1;
        if (Character.isHighSurrogate(line.charAt(cut - 1))) {
            cut--;
        }
        return line.substring(0, cut) + "…";
    }

    static String body(String text) {
        return text.indexOf('\0') < 0 ? text : text.replace("\0", "");
    }

    /** A plain address (no display name, no group, no header syntax) that JavaMail accepts as it is. */
    public static boolean isAddress(String address) {
        if (address == null || address.length() > 254 || !PLAIN_ADDRESS.matcher(address).matches()) {
            return false;
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            return address.equals(parsed.getAddress()) && parsed.getPersonal() == null;
        } catch (AddressException e) {
            return false;
        }
    }
}
