package org.csc.etl.source;

import org.apache.spark.sql.Row;
import org.csc.etl.landing.Drop;
import org.csc.etl.landing.Manifest;
import org.csc.etl.stage.FileStager;
import org.csc.etl.stage.QuarantineRow;
import org.csc.etl.stage.StagedFile;
import org.csc.etl.testing.DropBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every SourceSystem must do, whatever its file conventions: the suite runs unchanged
 * against each implementation (a subclass per system says how that system writes values). No
 * Spark session: staging casts rows in memory, so these run in milliseconds.
 */
public abstract class SourceSystemContractTest {
    @TempDir Path tmp;

    protected abstract SourceSystem system();

    /** How the system writes a date, a date-time, true and false, and a null. */
    protected abstract String date(LocalDate d);

    protected abstract String dateTime(LocalDateTime t);

    protected abstract List<String> trueSpellings();

    protected abstract List<String> falseSpellings();

    protected abstract List<String> nullSpellings();

    /** The system's "link to nothing" ID marker, or null when it has none. */
    protected abstract String unknownIdMarker();

    /** The system's unknown-date sentinel, or null when it has none. */
    protected abstract String unknownDate();

    /** A small table with an ID, a TEXT, a DATE and a FLAG column, and their names: [table, id, text, date, flag]. */
    protected abstract String[] sampleTable();

    @Test
    void everyContractTableHasAKeyAndAStagedSchemaWithLineage() {
        SourceContract contract = system().contract();
        assertThat(contract.tables()).isNotEmpty();
        for (SourceContract.Table t : contract.tables().values()) {
            assertThat(t.primaryKey()).as(t.name()).isNotEmpty();
            assertThat(t.primaryKey()).allSatisfy(k -> assertThat(t.column(k)).as(t.name() + "." + k).isNotNull());
            List<String> fields = List.of(t.stagedSchema().fieldNames());
            for (SourceContract.Column c : t.columns()) assertThat(fields).contains(c.stagedName());
            assertThat(fields).contains("_drop", "_extract_date", "_line", "_unknown_links", "_deleted_at");
            assertThat(t.stagedTable()).isEqualTo("stg_" + system().name() + "__" + t.name().toLowerCase());
        }
    }

    @Test
    void valuesAreCastWithTheSystemsConventions() throws Exception {
        SourceSystem s = system();
        assertThat(s.parse(ColumnType.DATE, date(LocalDate.of(2016, 2, 29)))).isEqualTo(Date.valueOf("2016-02-29"));
        assertThat(s.parse(ColumnType.DATETIME, dateTime(LocalDateTime.of(2015, 12, 31, 23, 5))))
                .isEqualTo(Timestamp.valueOf("2015-12-31 23:05:00"));
        for (String t : trueSpellings()) assertThat(s.parse(ColumnType.FLAG, t)).as(t).isEqualTo(Boolean.TRUE);
        for (String f : falseSpellings()) assertThat(s.parse(ColumnType.FLAG, f)).as(f).isEqualTo(Boolean.FALSE);
        for (ColumnType type : ColumnType.values()) {
            for (String n : nullSpellings()) assertThat(s.parse(type, n)).as(type + " " + n).isNull();
        }
        assertThat(s.parse(ColumnType.ID, "12345")).isEqualTo(12345L);
        assertThat(s.parse(ColumnType.DECIMAL, "0.5")).isEqualTo(0.5);
        assertThat(s.parse(ColumnType.TEXT, "Zoë Brontë")).isEqualTo("Zoë Brontë");
        if (unknownDate() != null) assertThat(s.parse(ColumnType.DATE, unknownDate())).isNull();
    }

    @Test
    void impossibleValuesAreErrorsNotGuesses() {
        SourceSystem s = system();
        String feb31 = date(LocalDate.of(2016, 2, 1)).replace("01", "31");
        assertThatThrownBy(() -> s.parse(ColumnType.DATE, feb31)).isInstanceOf(ValueException.class);
        assertThatThrownBy(() -> s.parse(ColumnType.ID, "12a")).isInstanceOf(ValueException.class);
        assertThatThrownBy(() -> s.parse(ColumnType.FLAG, "maybe")).isInstanceOf(ValueException.class);
        assertThatThrownBy(() -> s.parse(ColumnType.DECIMAL, "one")).isInstanceOf(ValueException.class);
        assertThatThrownBy(() -> s.parse(ColumnType.DATE, "2016/13/01")).isInstanceOf(ValueException.class);
    }

    @Test
    void theUnknownIdMarkerIsALinkToNothing() throws Exception {
        SourceSystem s = system();
        if (unknownIdMarker() == null) {
            assertThat(s.isUnknownId("-1")).isFalse();
            return;
        }
        assertThat(s.isUnknownId(unknownIdMarker())).isTrue();
        assertThat(s.parse(ColumnType.ID, unknownIdMarker())).isNull();
        assertThat(s.isUnknownId("1")).isFalse();
    }

    @Test
    void aFileIsStagedWithBadRowsQuarantinedAndCountsAddingUp() throws Exception {
        String[] t = sampleTable();
        String table = t[0], id = t[1], text = t[2], dateCol = t[3], flag = t[4];
        boolean dateTimeColumn = system().contract().table(table).column(dateCol).type() == ColumnType.DATETIME;
        java.util.function.Function<LocalDate, String> fmt = d -> dateTimeColumn ? dateTime(d.atStartOfDay()) : date(d);
        Map<String, Object> good = new HashMap<>(Map.of(id, 1, text, "Zoë, \"Brontë\"", dateCol, fmt.apply(LocalDate.of(2015, 4, 1)), flag, trueSpellings().get(0)));
        Map<String, Object> badDate = new HashMap<>(Map.of(id, 2, text, "B", dateCol, "not a date", flag, falseSpellings().get(0)));
        Map<String, Object> badFlag = new HashMap<>(Map.of(id, 3, text, "C", dateCol, fmt.apply(LocalDate.of(2015, 4, 2)), flag, "perhaps"));
        Map<String, Object> noKey = new HashMap<>(Map.of(text, "D", dateCol, fmt.apply(LocalDate.of(2015, 4, 3))));
        Path dir = new DropBuilder(tmp, system().name(), LocalDate.of(2016, 3, 31), "FULL")
                .row(table, good).row(table, badDate).row(table, badFlag).row(table, noKey).write();
        Drop drop = new Drop(system().name(), "2016-03-31", dir, LocalDate.of(2016, 3, 31), Manifest.read(dir.resolve(Manifest.FILE_NAME)));
        StagedFile f = FileStager.stage(system(), drop, system().contract().table(table), dir.resolve(table + ".csv"));
        assertThat(f.fileProblem()).isNull();
        assertThat(f.received()).isEqualTo(4);
        assertThat(f.staged()).isEqualTo(1);
        assertThat(f.received()).isEqualTo(f.staged() + f.quarantinedCount());
        Map<Long, QuarantineRow> q = new LinkedHashMap<>();
        f.quarantined().forEach(r -> q.put(r.line(), r));
        assertThat(q.keySet()).containsExactly(3L, 4L, 5L);
        assertThat(q.get(3L).column()).isEqualTo(dateCol);
        assertThat(q.get(3L).rawValue()).isEqualTo("not a date");
        assertThat(q.get(4L).column()).isEqualTo(flag);
        assertThat(q.get(5L).reason()).isEqualTo("primary key is empty");
        assertThat(q.values()).allSatisfy(r -> assertThat(r.drop()).isEqualTo(system().name() + "/2016-03-31"));
        Row r = f.rows().get(0);
        SourceContract.Table contract = system().contract().table(table);
        assertThat(r.get(contract.columns().indexOf(contract.column(text)))).isEqualTo("Zoë, \"Brontë\"");
        assertThat(r.get(contract.columns().indexOf(contract.column(dateCol))))
                .isEqualTo(dateTimeColumn ? Timestamp.valueOf("2015-04-01 00:00:00") : Date.valueOf("2015-04-01"));
        assertThat(r.get(contract.columns().indexOf(contract.column(flag)))).isEqualTo(Boolean.TRUE);
        int n = contract.columns().size();
        assertThat(r.get(n)).isEqualTo(system().name() + "/2016-03-31");
        assertThat(r.get(n + 2)).isEqualTo(2L);
        assertThat(r.get(n + 4)).as("_deleted_at").isNull();
    }

    @Test
    void aMissingContractColumnQuarantinesEveryRowWithTheReason() throws Exception {
        String[] t = sampleTable();
        Path dir = tmp.resolve(system().name()).resolve("2016-04-01");
        Files.createDirectories(dir);
        Files.write(dir.resolve(t[0] + ".csv"), (t[1] + "\n7\n8\n").getBytes(system().charset()));
        Drop drop = new Drop(system().name(), "2016-04-01", dir, LocalDate.of(2016, 4, 1), null);
        StagedFile f = FileStager.stage(system(), drop, system().contract().table(t[0]), dir.resolve(t[0] + ".csv"));
        assertThat(f.received()).isEqualTo(2);
        assertThat(f.staged()).isZero();
        assertThat(f.quarantined()).allSatisfy(q -> assertThat(q.reason()).contains("missing from the file header"));
    }
}
