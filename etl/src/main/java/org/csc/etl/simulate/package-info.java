/**
 * The simulated authority (issue 3): a deterministic generator of Care First and Liquid Logic
 * landing drops, the manual ICPC and dental logs, HR sickness, and the ground truth.
 *
 * <p>Entry points for the CLI: {@link org.csc.etl.simulate.Simulator#run} with
 * {@link org.csc.etl.simulate.SimulationOptions} (defaults: seed 42, 2013-04-01 to 2017-03-31,
 * go-live 2016-04-01, scale 1, daily deltas, defect rate 0.02), and
 * {@link org.csc.etl.simulate.Simulator#calibration} to print the calibration table of an
 * existing {@code OUT/_truth}.
 *
 * <p>Output under {@code OUT/}: {@code carefirst/yyyy-MM-dd/} (monthly FULL drops on the first of
 * each month, then the final snapshot on go-live day), {@code liquidlogic/yyyy-MM-dd/} (FULL on
 * go-live day with the migrated history, DELTA every N days, FULL again every 182 days),
 * {@code manual/icpc_tracker.csv}, {@code manual/dental_checks.csv}, {@code hr/sickness.csv}, and
 * {@code _truth/} (never inside a system folder):
 * <ul>
 *   <li>{@code defects.csv}: {@code class,system,table,primary_key,detail}; class is a
 *       {@link org.csc.etl.simulate.DefectClass} name; system is carefirst, liquidlogic or manual;
 *       primary_key is the table's first column as written (FACT_FORM_ANSWERS:
 *       {@code FACT_FORM_ID|ANSWER_NO}; manual logs: {@code CHILD_REF|dd/MM/yyyy}). A defect on a
 *       Care First record appears in Care First only (the migration cleaned it), except
 *       LATE_RECORDING, which also shows in the migrated Liquid Logic row's CREATED_DTTM and is
 *       listed for both systems.</li>
 *   <li>{@code events.csv}: {@code true_child_id,event_type,event_id,start_date,end_date,detail,cf_key,ll_key,recorded_at};
 *       one row per true event (duplicates resolved to the surviving child; records entered in
 *       error excluded); cf_key/ll_key are the event's primary key in each system (cf_key empty
 *       when it was entered after go-live); recorded_at is when it was entered.</li>
 *   <li>{@code kpi_truth.csv}: {@code kpi_code,period_end,basis,numerator,denominator} for all 35
 *       indicators of KPI_DEFINITIONS.md and every month end of the window, from the true events;
 *       counts have an empty denominator; rates per 10,000 have the population as denominator.</li>
 *   <li>{@code scenario.csv}: {@code key,value} with the options of the run (seed, from, to,
 *       go_live, scale, delta_every_days, defect_rate).</li>
 * </ul>
 *
 * <p>The world and the truth depend only on seed, window, go-live and scale: the defect rate
 * draws from its own random stream and the delta cadence only changes how the same history is
 * cut into drops.
 */
package org.csc.etl.simulate;
