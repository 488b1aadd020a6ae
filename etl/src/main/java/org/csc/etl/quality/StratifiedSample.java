package org.csc.etl.quality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A reproducible sample stratified by team for managers' case audits: each team gets a share of
 * n proportional to its cohort (largest remainder, every team with cases at least one when n
 * allows), and cases within a team are drawn by a seeded shuffle of the key-sorted list, so the
 * same cohort and seed always give the same cases.
 */
public final class StratifiedSample {
    public record Case(String team, String key) {}

    private StratifiedSample() {}

    public static <T> List<T> draw(List<T> cohort, java.util.function.Function<T, Case> id, int n, long seed) {
        Map<String, List<T>> byTeam = new TreeMap<>();
        for (T t : cohort) byTeam.computeIfAbsent(id.apply(t).team(), k -> new ArrayList<>()).add(t);
        byTeam.values().forEach(l -> l.sort(Comparator.comparing(t -> id.apply(t).key())));
        Map<String, Integer> quota = allocate(byTeam, n, cohort.size());
        List<T> out = new ArrayList<>();
        for (var e : byTeam.entrySet()) {
            List<T> l = new ArrayList<>(e.getValue());
            SplittableRandom rnd = new SplittableRandom(seed ^ e.getKey().hashCode());
            for (int i = l.size() - 1; i > 0; i--) { // Fisher-Yates, seeded per team so one team's size does not reshuffle another's
                int j = rnd.nextInt(i + 1);
                T tmp = l.get(i);
                l.set(i, l.get(j));
                l.set(j, tmp);
            }
            out.addAll(l.subList(0, quota.get(e.getKey())));
        }
        return out;
    }

    static <T> Map<String, Integer> allocate(Map<String, List<T>> byTeam, int n, int total) {
        Map<String, Integer> quota = new LinkedHashMap<>();
        int target = Math.min(n, total);
        if (total == 0) return quota;
        boolean everyTeam = target >= byTeam.size();
        Map<String, Double> remainder = new LinkedHashMap<>();
        int given = 0;
        for (var e : byTeam.entrySet()) {
            double exact = (double) target * e.getValue().size() / total;
            int q = (int) Math.floor(exact);
            if (everyTeam && q == 0) q = 1;
            q = Math.min(q, e.getValue().size());
            quota.put(e.getKey(), q);
            remainder.put(e.getKey(), exact - Math.floor(exact));
            given += q;
        }
        // Over-allocation (from the one-per-team floor) is taken back from the largest quotas.
        while (given > target) {
            String biggest = quota.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()).orElseThrow().getKey();
            quota.merge(biggest, -1, Integer::sum);
            given--;
        }
        List<String> order = new ArrayList<>(remainder.keySet());
        order.sort(Comparator.comparing((String k) -> -remainder.get(k)).thenComparing(k -> k));
        while (given < target) {
            boolean progressed = false;
            for (String k : order) {
                if (given >= target) break;
                if (quota.get(k) < byTeam.get(k).size()) {
                    quota.merge(k, 1, Integer::sum);
                    given++;
                    progressed = true;
                }
            }
            if (!progressed) break;
        }
        return quota;
    }
}
