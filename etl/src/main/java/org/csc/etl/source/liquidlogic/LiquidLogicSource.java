package org.csc.etl.source.liquidlogic;

import org.csc.etl.source.ColumnType;
import org.csc.etl.source.Conventions;
import org.csc.etl.source.SourceContract;
import org.csc.etl.source.SourceSystem;
import org.csc.etl.source.ValueException;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Liquid Logic's reporting extract: UTF-8 (BOM allowed), ISO dates, NULL literals, -1 for unknown links. */
public final class LiquidLogicSource implements SourceSystem {
    public static final String NAME = "liquidlogic";
    private static final SourceContract CONTRACT = SourceContract.load(NAME,
            Map.of("FACT_FORM_ANSWERS", List.of("FACT_FORM_ID", "ANSWER_NO")));
    private static final Conventions CONVENTIONS = new Conventions(
            Conventions.strict("yyyy-MM-dd"), Conventions.strict("yyyy-MM-dd HH:mm:ss.SSS"),
            Set.of("NULL"), Set.of("Y", "YES", "TRUE", "1"), Set.of("N", "NO", "FALSE", "0"), null, "-1");

    @Override public String name() { return NAME; }
    @Override public SourceContract contract() { return CONTRACT; }
    @Override public Charset charset() { return StandardCharsets.UTF_8; }

    @Override
    public Object parse(ColumnType type, String raw) throws ValueException {
        return CONVENTIONS.parse(type, raw);
    }

    @Override
    public boolean isUnknownId(String raw) {
        return raw != null && raw.trim().equals("-1");
    }
}
