package org.csc.etl.conform;

import org.csc.etl.source.carefirst.CareFirstSource;
import org.csc.etl.source.liquidlogic.LiquidLogicSource;
import org.csc.etl.source.SourceContract;
import org.csc.etl.source.SourceSystem;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-child catalog: its names match the contract and the steps, and children connect as links say. */
class ChildScopeTest {
    static final Map<String, SourceContract.Table> TABLES = new HashMap<>();

    static {
        for (SourceSystem s : List.<SourceSystem>of(new CareFirstSource(), new LiquidLogicSource())) {
            s.contract().tables().values().forEach(t -> TABLES.put(t.stagedTable(), t));
        }
    }

    static boolean hasColumn(String table, String column) {
        SourceContract.Table t = TABLES.get(table);
        return t != null && t.columns().stream().anyMatch(c -> c.stagedName().equals(column));
    }

    @Test
    void linksAndParentsNameContractColumnsAndLinkedTablesHaveAPerson() {
        for (ChildScope.Link l : ChildScope.LINKS) {
            assertThat(hasColumn(l.from(), l.fk())).as(l.toString()).isTrue();
            assertThat(hasColumn(l.to(), l.pk())).as(l.toString()).isTrue();
            assertThat(ChildScope.personColumn(TABLES.get(l.from()))).as(l.from()).isNotNull();
            assertThat(ChildScope.personColumn(TABLES.get(l.to()))).as(l.to()).isNotNull();
        }
        for (ChildScope.Parent p : ChildScope.PARENTS) {
            assertThat(hasColumn(p.table(), p.column())).as(p.toString()).isTrue();
            assertThat(ChildScope.personColumn(TABLES.get(p.table()))).as(p.table()).isNull();
            assertThat(ChildScope.personColumn(TABLES.get(p.parentTable()))).as(p.parentTable()).isNotNull();
        }
    }

    @Test
    void everyTableWithoutAPersonIsAParentsChildOrWorkforce() {
        List<String> without = TABLES.values().stream().filter(t -> ChildScope.personColumn(t) == null).map(SourceContract.Table::stagedTable)
                .filter(t -> ChildScope.PARENTS.stream().noneMatch(p -> p.table().equals(t))).sorted().toList();
        // Workforce tables feed whole steps only (map_worker, dim_worker, int_ll_team); their changes are compared there.
        assertThat(without).containsExactly("stg_carefirst__workers", "stg_liquidlogic__dim_department", "stg_liquidlogic__dim_worker");
    }

    @Test
    void wholeStepsAreSteps() {
        Set<String> names = new java.util.HashSet<>(ConformSql.STEPS.stream().map(ConformSql.Step::name).toList());
        assertThat(names).containsAll(ChildScope.WHOLE);
    }

    @Test
    void closureFollowsLinksBothWaysAndThroughRowsWithoutAChild() {
        Set<String> edges = Set.of("A>B", "B>C", ">D", "E>F");
        assertThat(ChildScope.closure(Set.of("A"), edges)).containsExactlyInAnyOrder("A", "B", "C", "D");
        assertThat(ChildScope.closure(Set.of("F"), edges)).containsExactlyInAnyOrder("F", "E", "D");
        assertThat(ChildScope.closure(Set.of(), Set.of())).isEmpty();
    }
}
