package cn.liaison.platform.history.web;

import cn.liaison.platform.history.HistoryLabels;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reference data for Cockpit's history view (liaison-history-view.js): the Chinese labels of form fields and of
 * their options. Public like /api/categories: the forms' wording, no record's data.
 */
@RestController
@Tag(name = "流程历史", description = "Cockpit 流程历史视图使用的中文名称")
class HistoryLabelsController {

  private final HistoryLabels labels;

  HistoryLabelsController(HistoryLabels labels) {
    this.labels = labels;
  }

  @GetMapping("/api/history/labels")
  @Operation(summary = "表单字段和选项的中文名称", description = "fields：变量名 → 字段名称；values：变量名 → (取值 → 选项名称)，"
      + "取自最新版本流程部署的表单，另含群众评价、渠道和意见类别。")
  ResponseEntity<HistoryLabels.Labels> labels() {
    return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePrivate())
        .body(labels.labels());
  }
}
