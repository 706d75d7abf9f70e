package org.deepfakeedge.scan;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 fields: quoting on write, one line's fields on read (also for {@code videodata}). */
public final class CsvText {
    private CsvText() {}

    /**
     * A field, quoted when it holds a comma, quote, CR or LF.
     *
     * @param s the text, {@code null} for an empty field
     * @return the field as written
     */
    public static String field(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0
                && s.indexOf('"') < 0
                && s.indexOf('\n') < 0
                && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /**
     * Splits one line (no line breaks inside quotes) into its fields.
     *
     * @param line the line
     * @return the fields, unquoted
     */
    public static List<String> parseLine(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
