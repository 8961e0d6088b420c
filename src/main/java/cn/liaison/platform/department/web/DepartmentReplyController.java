package cn.liaison.platform.department.web;

import cn.liaison.platform.department.DepartmentReplies;
import cn.liaison.platform.department.Signatures;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Inbound: department systems report acceptance, progress, extension requests and final replies. */
@RestController
@Tag(name = "部门系统对接", description = "承办部门自有系统回报签收、进展、延期申请和办结答复（须签名）")
class DepartmentReplyController {

  private final DepartmentReplies replies;

  DepartmentReplyController(DepartmentReplies replies) {
    this.replies = replies;
  }

  @PostMapping(path = "/api/departments/{code}/replies", consumes = "application/json")
  @Operation(summary = "部门系统回报办理情况",
      description = "请求体：{\"ticketNo\", \"type\": \"ACCEPTED\" | \"PROGRESS\" | \"EXTENSION_REQUEST\" | \"FINAL\", "
          + "\"result\": \"SOLVED\" | \"PARTLY_SOLVED\" | \"UNSOLVED\", \"text\", \"measures\", \"newDeadline\": \"yyyy-MM-dd\"}。"
          + "代表建议（HANDLE_PROPOSAL）的答复：{\"proposalNo\", \"unit\", \"handlingAction\": \"REPLY\" | \"RETURN\" | "
          + "\"REQUEST_EXTENSION\", \"contactedOn\", \"contactWay\", \"proposalResult\": \"A\" | \"B\" | \"C\" | \"D\", "
          + "\"followUpOn\", \"replyText\", \"returnReason\", \"extensionDeadline\", \"extensionReason\"}。"
          + "县财政局回报补贴批次逐户发放结果：{\"ticketNo\": \"BATCH-12\", \"type\": \"PAYMENT_RESULT\", \"lines\": [{\"householdNo\", "
          + "\"status\": \"PAID\" | \"FAILED\", \"paidOn\", \"voucherNo\", \"reason\"}]}。"
          + "签名：X-Liaison-Signature = sha256=hex(HMAC-SHA256(密钥, 时间戳 + \"\\n\" + 随机数 + \"\\n\" + 请求体))；"
          + "时间戳与服务器时间相差不超过 300 秒，随机数不可重复使用。相同内容的回报重复提交只记录一次。",
      responses = {
          @ApiResponse(responseCode = "200", description = "已接收（status=ACCEPTED）或此前已接收（status=DUPLICATE）"),
          @ApiResponse(responseCode = "400", description = "内容有误", content = @Content(schema = @Schema(implementation = ProblemDetail.class))),
          @ApiResponse(responseCode = "401", description = "签名、时间戳或随机数校验未通过"),
          @ApiResponse(responseCode = "404", description = "部门不存在或未对接系统"),
          @ApiResponse(responseCode = "409", description = "该事项当前不在贵单位办理中")})
  Map<String, String> reply(@PathVariable String code,
      @Parameter(description = "Unix 时间戳（秒）") @RequestHeader(name = Signatures.TIMESTAMP, required = false) String timestamp,
      @Parameter(description = "一次性随机数") @RequestHeader(name = Signatures.NONCE, required = false) String nonce,
      @Parameter(description = "sha256=<hex>") @RequestHeader(name = Signatures.SIGNATURE, required = false) String signature,
      @RequestBody byte[] body) {
    return Map.of("status", replies.receive(code, timestamp, nonce, signature, body).name());
  }

  @ExceptionHandler(DepartmentReplies.Unauthenticated.class)
  ResponseEntity<ProblemDetail> unauthenticated(DepartmentReplies.Unauthenticated e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
    problem.setTitle("签名校验未通过");
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
  }
}
