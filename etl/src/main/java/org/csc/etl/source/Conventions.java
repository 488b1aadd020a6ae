package org.csc.etl.source;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Set;

/**
 * How one system writes values: date patterns, null spellings, flag spellings, the unknown-date
 * sentinel. Parsing is strict (31/02/2015 is an error, not 3 March).
 */
public record Conventions(DateTimeFormatter date, DateTimeFormatter dateTime, Set<String> nullLiterals,
                          Set<String> trueFlags, Set<String> falseFlags, LocalDate unknownDate, String unknownId) {

    public static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern.replace("yyyy", "uuuu"), Locale.UK).withResolverStyle(ResolverStyle.STRICT);
    }

    public boolean isNull(String raw) {
        return raw == null || raw.isBlank() || nullLiterals.contains(raw.trim());
    }

    public Object parse(ColumnType type, String raw) throws ValueException {
        if (isNull(raw)) return null;
        String v = raw.trim();
        switch (type) {
            case TEXT:
            case CODE:
                return raw;
            case ID:
                if (v.equals(unknownId)) return null;
                try {
                    return Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw new ValueException("not an ID (digits expected)");
                }
            case DECIMAL:
                try {
                    return Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new ValueException("not a number");
                }
            case FLAG: {
                String f = v.toUpperCase(Locale.ROOT);
                if (trueFlags.contains(f)) return Boolean.TRUE;
                if (falseFlags.contains(f)) return Boolean.FALSE;
                throw new ValueException("not a flag (" + String.join("/", trueFlags) + " or " + String.join("/", falseFlags) + ")");
            }
            case DATE:
                try {
                    LocalDate d = LocalDate.parse(v, date);
                    return d.equals(unknownDate) ? null : Date.valueOf(d);
                } catch (DateTimeParseException e) {
                    throw new ValueException("not a date in the system's format");
                }
            case DATETIME:
                try {
                    LocalDateTime t = LocalDateTime.parse(v, dateTime);
                    return t.toLocalDate().equals(unknownDate) ? null : Timestamp.valueOf(t);
                } catch (DateTimeParseException e) {
                    throw new ValueException("not a date-time in the system's format");
                }
            default:
                throw new IllegalStateException(type.name());
        }
    }
}
