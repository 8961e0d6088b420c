package cn.liaison.platform.supervision;

import java.util.List;
import java.util.Map;

/**
 * A process whose items carry a light: declared as a bean by the feature that owns the process (beside its task
 * cards), so the supervision package reads each process's deadline variable without knowing the process.
 *
 * @param processKey the process definition key
 * @param dueVariable the variable holding the deadline of the timed scope (a Date)
 * @param kind the kind's code in statistics (opinions, proposals, rectification)
 * @param kindName the kind in Chinese (群众意见 …)
 * @param stationVariable the process variable naming the item's station (its code or its staff group), or null when
 *     the item belongs to no station (then counted only in county-wide figures)
 * @param card what the supervisors' filters 红灯事项 / 黄灯事项 show of such an item (variable name, Chinese label),
 *     variables its task cards already carry
 */
public record SupervisedDeadline(String processKey, String dueVariable, String kind, String kindName,
    String stationVariable, List<Map<String, String>> card) {

  public SupervisedDeadline {
    card = List.copyOf(card);
  }
}
