package org.csc.etl.source;

import org.csc.etl.source.liquidlogic.LiquidLogicSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Liquid Logic: UTF-8 (BOM allowed), ISO dates, SQL Server date-times, NULL literals, many flag spellings, -1 links. */
class LiquidLogicSourceTest extends SourceSystemContractTest {
    @Override protected SourceSystem system() { return new LiquidLogicSource(); }
    @Override protected String date(LocalDate d) { return d.toString(); }
    @Override protected String dateTime(LocalDateTime t) { return t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")); }
    @Override protected List<String> trueSpellings() { return List.of("Y", "y", "YES", "TRUE", "1"); }
    @Override protected List<String> falseSpellings() { return List.of("N", "n", "NO", "FALSE", "0"); }
    @Override protected List<String> nullSpellings() { return List.of("", "NULL"); }
    @Override protected String unknownIdMarker() { return "-1"; }
    @Override protected String unknownDate() { return null; }
    @Override protected String[] sampleTable() { return new String[]{"FACT_CASENOTES", "FACT_CASENOTE_ID", "SUBJECT", "EVENT_DTTM", "SEEN_FLAG"}; }

    @Test
    void readsUtf8AndSplitsCompositeDeletionKeys() {
        assertThat(system().charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(system().contract().table("FACT_FORM_ANSWERS").primaryKey()).containsExactly("FACT_FORM_ID", "ANSWER_NO");
        assertThat(system().splitKey("12|FormEndDate")).containsExactly("12", "FormEndDate");
    }
}
