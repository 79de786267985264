/**
 * What Dunwell counts and measures, served by Micrometer's Prometheus registry at {@code /q/metrics}. One small class per
 * area: the domain code calls a narrow method ({@code decided}, {@code batch}, {@code delivered}, {@code refused},
 * {@code served}) and this package owns the meters, their names and their tags. Tags are closed sets of words
 * (outcomes, results, reasons) and the ruleset version; never a center, an invoice, a family or anything personal.
 * Nothing here depends on the domain packages: the backlog is read from the database by SQL ({@link WaitingWork}).
 */
package app.dunwell.metrics;
