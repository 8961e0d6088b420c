package cn.liaison.platform.rectification.web;

import cn.liaison.platform.rectification.RectificationAccess;
import cn.liaison.platform.rectification.ReceptionFlagProblems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** One click from a reception summary's flag to a rectification problem, linked both ways (the station's staff). */
@RestController
@Tag(name = "一网四制整改清单")
@SecurityRequirement(name = "basic")
@PreAuthorize("isAuthenticated()")
class ReceptionFlagProblemController {

  private final ReceptionFlagProblems flagProblems;

  ReceptionFlagProblemController(ReceptionFlagProblems flagProblems) {
    this.flagProblems = flagProblems;
  }

  record ProblemRaised(String problemNo, String receptionNo, long flagId) {}

  @PostMapping("/api/receptions/{receptionNo}/flags/{flagId}/problem")
  @Operation(summary = "把接待小结中的一条隐患或苗头列为整改问题", description = "本站工作人员（或研判人员）一键立项：driveCode 整治行动编码、"
      + "taskNo 整改任务编号、responsiblePerson 责任人必填；description 不填时为小结中的这一条，foundOn 不填时为接待日期，"
      + "deadline 不填时为任务的期限。问题来源为 RECEPTION（来源编号为接待编号），小结中的这一条随即显示问题编号；同一条再次立项返回 409。")
  ResponseEntity<ProblemRaised> raise(@PathVariable String receptionNo, @PathVariable long flagId,
      @RequestBody ReceptionFlagProblems.FromFlag body, Authentication user) {
    String problemNo = flagProblems.raise(receptionNo, flagId, body, RectificationAccess.caller(user));
    return ResponseEntity.created(URI.create("/api/problems/" + problemNo))
        .body(new ProblemRaised(problemNo, receptionNo, flagId));
  }
}
