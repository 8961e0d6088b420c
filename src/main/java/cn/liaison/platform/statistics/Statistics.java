package cn.liaison.platform.statistics;

import cn.liaison.platform.supervision.LightCounts;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The figures of one period (GET /api/statistics), computed from the platform's records. This is the contract the
 * dashboard and the work bulletin read; counts are whole numbers, rates are 0–1 or null when the denominator is 0.
 * Maps are keyed by code (channel, category, station code) and keep a stable order (the directory's sort order).
 */
public record Statistics(Period period, Opinions opinions, Proposals proposals, Forums forums, Receptions receptions,
    Rectification rectification, Projects projects, List<CampaignProgress> campaigns, LightCounts lights) {

  /** Figures without the lights (三色督办 counts are of the moment; a period's report may leave them out). */
  public Statistics(Period period, Opinions opinions, Proposals proposals, Forums forums, Receptions receptions,
      Rectification rectification, Projects projects, List<CampaignProgress> campaigns) {
    this(period, opinions, proposals, forums, receptions, rectification, projects, campaigns, null);
  }

  /** What was asked: dates inclusive, optional station or town (both null = every station the caller may see). */
  public record Period(LocalDate from, LocalDate to, String station, String town) {}

  /** Opinions received in the period (by submission date) and what became of them. */
  public record Opinions(long received, long closed, long solved, long partlySolved, long unsolved, long closedOnTime,
      long overdue, long toProposal, Map<String, Long> byChannel, Map<String, Long> byCategory,
      Map<String, Long> byStation, List<DepartmentFigures> byDepartment, Evaluation evaluation, Rates rates) {}

  /** One department's share of the opinions handed over in the period (overdue = past its deadline, open or not). */
  @JsonInclude(JsonInclude.Include.ALWAYS) // a rate without denominator is shown as null, not left out
  public record DepartmentFigures(String department, String name, long assigned, long closed, long closedOnTime,
      long overdue, long returned, long reopened, Double satisfaction) {}

  /** The citizens' ratings of the closed opinions (the last rating of each). */
  public record Evaluation(long satisfied, long basicallySatisfied, long dissatisfied, long notEvaluated) {}

  /** The 三率: closing = closed ÷ received, onTime = closedOnTime ÷ closed, satisfaction per the configured weights. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Rates(Double closing, Double onTime, Double satisfaction) {}

  /** Deputy proposals submitted in the period. byResult keys A–D; deputyEvaluation keys the deputy's rating codes. */
  public record Proposals(long submitted, long fromOpinions, long replied, Map<String, Long> byResult,
      Map<String, Long> deputyEvaluation) {}

  /** Industry forums held in the period. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Forums(long held, long invitedDeputies, long attendedDeputies, Double participationRate,
      long suggestions) {}

  /** Mobile reception sessions held in the period. */
  public record Receptions(long sessions, long visitors, long opinions, long solvedOnSpot, long solved) {}

  /** Rectification tasks and problems raised in the period. */
  public record Rectification(long tasks, long problems, long rectified, long overdue) {}

  /** Projects under supervision in the period. */
  public record Projects(long supervised, long inspections, long problemsFound) {}

  /** One rice-replanting campaign's households by where they stand. */
  public record CampaignProgress(String campaign, String name, String town, long households, long signed,
      long planted, double plantedMu, long subsidised, long unwilling) {}
}
