package org.csc.cubes.kpi;

import java.util.List;

import static org.csc.cubes.kpi.Kpi.Basis.MONTH;
import static org.csc.cubes.kpi.Kpi.Basis.YTD;
import static org.csc.cubes.kpi.Kpi.Kind.EVENT;
import static org.csc.cubes.kpi.Kpi.Polarity.NONE;
import static org.csc.cubes.kpi.Kpi.Unit.COUNT;
import static org.csc.cubes.kpi.Kpi.Unit.PERCENT;

/** Every indicator of KPI_DEFINITIONS.md, each defined once. */
public final class KpiCatalog {
    private KpiCatalog() {}

    public static final List<Kpi> ALL = List.of(
            new Kpi("contacts", "Contacts received",
                    "Contacts received at the front door (both systems; a contact held in both counted once).",
                    COUNT, NONE, List.of(MONTH, YTD), EVENT, """
                    SELECT contact_key AS member_key, child_key, contact_date AS event_date, team, area, 1 AS num, 0 AS den
                    FROM fct_contact
                    """),
            new Kpi("contact_to_referral_pct", "Contacts becoming referrals (%)",
                    "Contacts whose outcome is a new referral / contacts.",
                    PERCENT, NONE, List.of(MONTH, YTD), EVENT, """
                    SELECT contact_key AS member_key, child_key, contact_date AS event_date, team, area,
                           CASE WHEN is_new_referral THEN 1 ELSE 0 END AS num, 1 AS den
                    FROM fct_contact
                    """)
    );

    public static Kpi byCode(String code) {
        return ALL.stream().filter(k -> k.code().equals(code)).findFirst().orElse(null);
    }
}
