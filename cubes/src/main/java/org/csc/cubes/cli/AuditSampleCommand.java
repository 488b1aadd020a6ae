package org.csc.cubes.cli;

import org.csc.cubes.quality.CaseAuditSampler;
import org.csc.etl.quality.AuditCohorts;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.spark.Spark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "audit-sample", mixinStandardHelpOptions = true,
        description = "Draw a reproducible case-audit sample, stratified by team, into the restricted output.")
final class AuditSampleCommand implements Callable<Integer> {
    @ParentCommand Csc parent;

    @Option(names = "--cohort", required = true, description = "section20 | cp_plans | late_assessments") String cohort;
    @Option(names = "--n", defaultValue = "20", description = "Cases to draw (default ${DEFAULT-VALUE}).") int n;
    @Option(names = "--seed", defaultValue = "1", description = "Seed: the same seed and data give the same cases (default ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--as-at", description = "Date the cohort is taken at, yyyy-MM-dd (default: the newest drop applied).") LocalDate asAt;

    @Override
    public Integer call() {
        WarehouseConfig config = parent.config(Map.of());
        try {
            CaseAuditSampler.Result r = new CaseAuditSampler(Spark.session(config), config).sample(AuditCohorts.parse(cohort), n, seed, asAt);
            System.out.println("Cohort " + r.cohort().name().toLowerCase() + " at " + r.asAt() + ": " + r.cohortSize() + " cases; sampled "
                    + r.sampled() + " (seed " + seed + ") by team " + r.byTeam());
            System.out.println("Written (owner-only): " + r.file());
            return 0;
        } finally {
            Spark.stop();
        }
    }
}
