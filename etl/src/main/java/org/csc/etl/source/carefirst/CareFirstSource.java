package org.csc.etl.source.carefirst;

import org.csc.etl.source.ColumnType;
import org.csc.etl.source.Conventions;
import org.csc.etl.source.SourceContract;
import org.csc.etl.source.SourceSystem;
import org.csc.etl.source.ValueException;

import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/** OLM Care First's batch export: windows-1252, UK dates, 01/01/1900 for unknown, Y/N flags. */
public final class CareFirstSource implements SourceSystem {
    public static final String NAME = "carefirst";
    private static final SourceContract CONTRACT = SourceContract.load(NAME, Map.of());
    private static final Conventions CONVENTIONS = new Conventions(
            Conventions.strict("dd/MM/yyyy"), Conventions.strict("dd/MM/yyyy HH:mm"),
            Set.of(), Set.of("Y"), Set.of("N"), LocalDate.of(1900, 1, 1), null);

    @Override public String name() { return NAME; }
    @Override public SourceContract contract() { return CONTRACT; }
    @Override public Charset charset() { return Charset.forName("windows-1252"); }

    @Override
    public Object parse(ColumnType type, String raw) throws ValueException {
        return CONVENTIONS.parse(type, raw);
    }
}
