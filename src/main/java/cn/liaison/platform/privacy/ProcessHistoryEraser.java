package cn.liaison.platform.privacy;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Replaces a citizen's words in the process engine's data of one process instance:
 * <ol>
 *   <li>a running instance's variables, through the engine's API ({@code RuntimeService.setVariables}), so the
 *       engine's own view and any later step see the replacement (this also writes one history detail row with
 *       the replacement);</li>
 *   <li>the history: the historic variable instances ({@code ACT_HI_VARINST}) and every recorded change of them,
 *       form submissions included ({@code ACT_HI_DETAIL}), and the inputs and outputs of decisions taken for the
 *       instance ({@code ACT_HI_DEC_IN}, {@code ACT_HI_DEC_OUT}: the triage table reads the place). Camunda 7 has no
 *       API that changes a history value (only deletes, which would also remove the fact that the variable existed
 *       and break the engine's later updates of a running instance's row), so these rows are updated with SQL, in
 *       the same transaction, string values only: the columns {@code TEXT_} and {@code TEXT2_} hold a string
 *       variable's value; {@code REV_} is left alone so the engine's optimistic locking keeps working.</li>
 * </ol>
 * {@code ACT_GE_BYTEARRAY} is not touched: it holds serialized (object, file, bytes) values, and the opinion loop
 * keeps the citizen's words in string variables only (its variables are typed in OpinionLoopProcess).
 */
@Component
class ProcessHistoryEraser {

  /** How many rows of each kind were replaced. */
  record Replaced(int runningVariables, int historicVariables, int historicDetails, int decisionValues) {

    int total() {
      return runningVariables + historicVariables + historicDetails + decisionValues;
    }
  }

  private final RuntimeService runtime;
  private final JdbcClient jdbc;

  ProcessHistoryEraser(RuntimeService runtime, JdbcClient jdbc) {
    this.runtime = runtime;
    this.jdbc = jdbc;
  }

  /**
   * Replaces the named variables' values with {@code replacement}, and any decision input or output of the instance
   * whose value was one of {@code formerValues}.
   */
  Replaced erase(String processInstanceId, List<String> variableNames, Collection<String> formerValues,
      String replacement) {
    if (processInstanceId == null) {
      return new Replaced(0, 0, 0, 0);
    }
    int running = 0;
    if (runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0) {
      Map<String, Object> present = runtime.getVariables(processInstanceId, variableNames);
      Map<String, Object> replaced = new HashMap<>();
      present.forEach((name, value) -> {
        if (value instanceof String) {
          replaced.put(name, replacement);
        }
      });
      if (!replaced.isEmpty()) {
        runtime.setVariables(processInstanceId, replaced);
      }
      running = replaced.size();
    }
    String names = String.join(", ", variableNames.stream().map(n -> "?").toList());
    Object[] byName = params(replacement, processInstanceId, variableNames);
    int variables = jdbc.sql("UPDATE ACT_HI_VARINST SET TEXT_ = ?, TEXT2_ = NULL WHERE PROC_INST_ID_ = ? AND NAME_ IN ("
        + names + ") AND VAR_TYPE_ = 'string'").params(byName).update();
    int details = jdbc.sql("UPDATE ACT_HI_DETAIL SET TEXT_ = ?, TEXT2_ = NULL WHERE PROC_INST_ID_ = ? AND NAME_ IN ("
        + names + ") AND (VAR_TYPE_ = 'string' OR TYPE_ = 'FormProperty')").params(byName).update();
    List<String> former = formerValues.stream().filter(Objects::nonNull).filter(v -> !v.isBlank()).distinct().toList();
    int decisions = 0;
    if (!former.isEmpty()) {
      String values = String.join(", ", former.stream().map(v -> "?").toList());
      Object[] byValue = params(replacement, processInstanceId, former);
      for (String table : List.of("ACT_HI_DEC_IN", "ACT_HI_DEC_OUT")) {
        decisions += jdbc.sql("UPDATE " + table + " SET TEXT_ = ?, TEXT2_ = NULL WHERE DEC_INST_ID_ IN (SELECT ID_ FROM "
            + "ACT_HI_DECINST WHERE PROC_INST_ID_ = ?) AND TEXT_ IN (" + values + ")").params(byValue).update();
      }
    }
    return new Replaced(running, variables, details, decisions);
  }

  private static Object[] params(String replacement, String processInstanceId, List<String> values) {
    Object[] params = new Object[values.size() + 2];
    params[0] = replacement;
    params[1] = processInstanceId;
    for (int i = 0; i < values.size(); i++) {
      params[i + 2] = values.get(i);
    }
    return params;
  }
}
