package org.csc.etl.source;

import org.csc.etl.source.carefirst.CareFirstSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Care First: windows-1252, dd/MM/yyyy, 01/01/1900 for unknown dates, Y/N flags, empty = null. */
class CareFirstSourceTest extends SourceSystemContractTest {
    @Override protected SourceSystem system() { return new CareFirstSource(); }
    @Override protected String date(LocalDate d) { return d.format(DateTimeFormatter.ofPattern("dd/MM/yyyy")); }
    @Override protected String dateTime(LocalDateTime t) { return t.format(DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")); }
    @Override protected List<String> trueSpellings() { return List.of("Y"); }
    @Override protected List<String> falseSpellings() { return List.of("N"); }
    @Override protected List<String> nullSpellings() { return List.of("", "  "); }
    @Override protected String unknownIdMarker() { return null; }
    @Override protected String unknownDate() { return "01/01/1900"; }
    @Override protected String[] sampleTable() { return new String[]{"CASE_NOTES", "NOTE_NO", "SUBJECT", "NOTE_DATE", "CHILD_SEEN"}; }

    @Test
    void readsWindows1252() {
        assertThat(system().charset()).isEqualTo(Charset.forName("windows-1252"));
    }
}
