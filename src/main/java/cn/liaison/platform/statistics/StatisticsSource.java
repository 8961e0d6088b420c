package cn.liaison.platform.statistics;

/**
 * Where the figures of a period come from. The statistics API, the dashboard and the work bulletin all read this one
 * source, so the bulletin's numbers equal the API's. Callers check who may ask; this computes.
 */
public interface StatisticsSource {

  /** The figures of the period (dates inclusive), for one station, one town, or all stations when both are null. */
  Statistics figures(Statistics.Period period);
}
