package cn.liaison.platform.campaign.web;

import cn.liaison.platform.campaign.Campaign;
import cn.liaison.platform.campaign.Households;
import cn.liaison.platform.campaign.SubsidyPayments;
import cn.liaison.platform.system.ConflictException;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.Masking;
import cn.liaison.platform.system.NotFoundException;
import cn.liaison.platform.system.StaffSession;
import cn.liaison.platform.system.TasklistSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.UriUtils;

/**
 * The staff page of a subsidy batch (/staff/campaigns/{code}/subsidy-batches/{id}), linked from the review tasks:
 * the households with 亩, amounts, states and reasons, totals to the cent, and while the batch is 待核对 the buttons
 * 暂缓发放 / 恢复发放 / 调整金额; afterwards the 一卡通 workbook and the bank's result workbook. Opened with the
 * Tasklist login (groups read again at every request) by exactly those the batch API admits (the town's station
 * staff, the finance bureau, administrators; anyone else gets the page of an unknown batch). The /api endpoints
 * take HTTP Basic credentials, which a Tasklist session does not have; so the page posts plain forms here, guarded
 * like the other staff forms (a token in the session and the browser's Sec-Fetch-Site), and these call the same
 * {@link SubsidyPayments} methods, with the same rules and audit entries, in the session user's name.
 */
@Controller
class StaffSubsidyBatchController {

  static final String TOKEN = "liaison.subsidyBatchToken";
  /** The staff pages' policy, plus the page's own script (the confirm dialogs) from the platform itself. */
  static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
      + "script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String BATCH = "补贴批次";
  private static final Map<String, String> DONE = Map.of("hold-back", "已暂缓发放", "release", "已恢复发放",
      "amount", "补贴金额已调整", "write-off", "已登记不予发放");

  /** A household's line as the page shows it. */
  record Row(String householdNo, String headName, String village, BigDecimal plantedMu, BigDecimal amount,
      BigDecimal composedAmount, String adjustReason, String status, String statusLabel, String reason,
      LocalDate paidOn, String voucherNo, String account, String writtenOff) {
    public String anchor() {
      return StaffSubsidyBatchController.anchor(householdNo);
    }
  }

  private final SubsidyPayments payments;
  private final Households households;
  private final CampaignAccess access;
  private final StaffSession staffSession;

  StaffSubsidyBatchController(SubsidyPayments payments, Households households, CampaignAccess access,
      StaffSession staffSession) {
    this.payments = payments;
    this.households = households;
    this.access = access;
    this.staffSession = staffSession;
  }

  @GetMapping("/staff/campaigns/{code}/subsidy-batches")
  String batches(@PathVariable String code, HttpServletRequest request, HttpServletResponse response, Model model) {
    response.setHeader("Content-Security-Policy", POLICY);
    TasklistSession.User user = staffSession.current(request).orElse(null);
    if (user == null) {
      return StaffSession.loginRequired(response, model);
    }
    Campaign campaign = access.forPayments(code, user.groups()).orElse(null);
    if (campaign == null) {
      return StaffSession.notFound(response, model, BATCH);
    }
    model.addAttribute("campaign", campaign);
    model.addAttribute("batches", payments.batchesOf(code));
    return "staff/subsidy-batches";
  }

  @GetMapping("/staff/campaigns/{code}/subsidy-batches/{id}")
  String batch(@PathVariable String code, @PathVariable long id, HttpServletRequest request,
      HttpServletResponse response, Model model) {
    return show(code, id, request, response, model, null, null);
  }

  @PostMapping("/staff/campaigns/{code}/subsidy-batches/{id}/households/{no}/hold-back")
  String holdBack(@PathVariable String code, @PathVariable long id, @PathVariable String no,
      @RequestParam(required = false) String reason, @RequestParam(required = false) String token,
      HttpServletRequest request, HttpServletResponse response, Model model) {
    return act(code, id, no, "hold-back", token, request, response, model,
        user -> payments.holdBack(code, id, no, reason, user));
  }

  @PostMapping("/staff/campaigns/{code}/subsidy-batches/{id}/households/{no}/release")
  String release(@PathVariable String code, @PathVariable long id, @PathVariable String no,
      @RequestParam(required = false) String token, HttpServletRequest request, HttpServletResponse response,
      Model model) {
    return act(code, id, no, "release", token, request, response, model,
        user -> payments.release(code, id, no, user));
  }

  @PostMapping("/staff/campaigns/{code}/subsidy-batches/{id}/households/{no}/amount")
  String adjust(@PathVariable String code, @PathVariable long id, @PathVariable String no,
      @RequestParam(required = false) String amount, @RequestParam(required = false) String reason,
      @RequestParam(required = false) String token, HttpServletRequest request, HttpServletResponse response,
      Model model) {
    return act(code, id, no, "amount", token, request, response, model,
        user -> payments.adjust(code, id, no, amount, reason, user));
  }

  @GetMapping("/staff/campaigns/{code}/subsidy-batches/{id}/payment-workbook.xlsx")
  Object paymentWorkbook(@PathVariable String code, @PathVariable long id, HttpServletRequest request,
      HttpServletResponse response, Model model) {
    TasklistSession.User user = staffSession.current(request).orElse(null);
    if (user == null) {
      return StaffSession.loginRequired(response, model);
    }
    if (access.forPayments(code, user.groups()).isEmpty()) {
      return StaffSession.notFound(response, model, BATCH);
    }
    try {
      byte[] xlsx = payments.paymentWorkbook(code, id, user.id());
      return ResponseEntity.ok()
          .contentType(MediaType.parseMediaType(LedgerController.XLSX))
          .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
              .filename("一卡通发放表-" + code + "-" + id + ".xlsx", StandardCharsets.UTF_8).build().toString())
          .header(HttpHeaders.CACHE_CONTROL, "no-store")
          .body(xlsx);
    } catch (NotFoundException e) {
      return StaffSession.notFound(response, model, BATCH);
    } catch (ConflictException e) {
      response.setStatus(HttpServletResponse.SC_CONFLICT);
      return show(code, id, request, response, model, null, Map.of("workbook", e.getMessage()));
    }
  }

  @PostMapping("/staff/campaigns/{code}/subsidy-batches/{id}/payment-results")
  String importResults(@PathVariable String code, @PathVariable long id,
      @RequestParam(name = "file", required = false) MultipartFile file, @RequestParam(required = false) String token,
      HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
    TasklistSession.User user = staffSession.current(request).orElse(null);
    String refused = refused(user, code, token, request, response, model);
    if (refused != null) {
      return refused;
    }
    try {
      if (file == null || file.isEmpty()) {
        throw new InvalidInputException("file", "请选择银行回盘的发放结果表（.xlsx）");
      }
      SubsidyPayments.ReportOutcome outcome = payments.importResults(code, id, file.getBytes(), user.id());
      return "redirect:" + path(code, id) + "?imported=" + outcome.taken() + "&unchanged=" + outcome.unchanged()
          + "#results";
    } catch (InvalidInputException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return show(code, id, request, response, model, null, Map.of("results", "文件有误，未登记任何结果："), e.errors());
    } catch (ConflictException e) {
      response.setStatus(HttpServletResponse.SC_CONFLICT);
      return show(code, id, request, response, model, null, Map.of("results", e.getMessage()));
    } catch (NotFoundException e) {
      return StaffSession.notFound(response, model, BATCH);
    }
  }

  /**
   * 不予发放 for a household the bank did not pay (or held back) in a batch that has left: only the town's staff, who
   * keep the ledger, as through {@code POST /api/campaigns/{code}/households/{no}/subsidy-write-off}.
   */
  @PostMapping("/staff/campaigns/{code}/subsidy-batches/{id}/households/{no}/write-off")
  String writeOff(@PathVariable String code, @PathVariable long id, @PathVariable String no,
      @RequestParam(required = false) String reason, @RequestParam(required = false) String token,
      HttpServletRequest request, HttpServletResponse response, Model model) {
    TasklistSession.User user = staffSession.current(request).orElse(null);
    Campaign campaign = user == null ? null : access.forPayments(code, user.groups()).orElse(null);
    if (campaign != null && !access.isTownStaff(campaign, user.groups())) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      model.addAttribute("message", "只有本镇联络站工作人员可以登记补贴不予发放。");
      return "staff/denied";
    }
    return act(code, id, no, "write-off", token, request, response, model, who -> {
      payments.writeOff(code, no, reason, who);
      return null;
    });
  }

  // ---- the page ----

  /** One household's action: done → back to the page at that row; refused → the page with the error at the row. */
  private String act(String code, long id, String no, String action, String token, HttpServletRequest request,
      HttpServletResponse response, Model model, Function<String, SubsidyPayments.BatchView> change) {
    TasklistSession.User user = staffSession.current(request).orElse(null);
    String refused = refused(user, code, token, request, response, model);
    if (refused != null) {
      return refused;
    }
    try {
      change.apply(user.id());
    } catch (InvalidInputException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return show(code, id, request, response, model, new RowError(no, action,
          String.join("；", e.errors().values()), request.getParameter("amount"), request.getParameter("reason")), null);
    } catch (ConflictException e) {
      response.setStatus(HttpServletResponse.SC_CONFLICT);
      return show(code, id, request, response, model, new RowError(no, action, e.getMessage(), null, null), null);
    } catch (NotFoundException e) {
      // an unknown batch answers like one the user may not see; an unknown household of a known batch at the top
      if (payments.batchesOf(code).stream().noneMatch(b -> b.id() == id)) {
        return StaffSession.notFound(response, model, BATCH);
      }
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      return show(code, id, request, response, model, null, Map.of("page", e.getMessage()));
    }
    return "redirect:" + path(code, id) + "?done=" + action + "&no=" + UriUtils.encodeQueryParam(no,
        StandardCharsets.UTF_8) + "#h-" + anchor(no);
  }

  /**
   * What every form of the page checks first, in this order: a Tasklist login (else the login page), the batch's
   * campaign visible to the user (else the unknown-batch page), the page's own form (else 403). Null: go on.
   */
  private String refused(TasklistSession.User user, String code, String token, HttpServletRequest request,
      HttpServletResponse response, Model model) {
    if (user == null) {
      return StaffSession.loginRequired(response, model);
    }
    if (access.forPayments(code, user.groups()).isEmpty()) {
      return StaffSession.notFound(response, model, BATCH);
    }
    if (!genuine(request, token)) {
      return forged(response, model);
    }
    return null;
  }

  /** A refused action, shown at its household's row with what was typed. */
  record RowError(String householdNo, String action, String message, String amount, String reason) {}

  private String show(String code, long id, HttpServletRequest request, HttpServletResponse response, Model model,
      RowError rowError, Map<String, String> messages) {
    return show(code, id, request, response, model, rowError, messages, Map.of());
  }

  private String show(String code, long id, HttpServletRequest request, HttpServletResponse response, Model model,
      RowError rowError, Map<String, String> messages, Map<String, String> fileErrors) {
    response.setHeader("Content-Security-Policy", POLICY);
    TasklistSession.User user = staffSession.current(request).orElse(null);
    if (user == null) {
      return StaffSession.loginRequired(response, model);
    }
    Campaign campaign = access.forPayments(code, user.groups()).orElse(null);
    if (campaign == null) {
      return StaffSession.notFound(response, model, BATCH);
    }
    SubsidyPayments.BatchView batch;
    try {
      batch = payments.view(code, id);
    } catch (NotFoundException e) {
      return StaffSession.notFound(response, model, BATCH);
    }
    // the head of household as the ledger shows it to this reader: in full to the town's staff, who keep the
    // ledger; masked to the finance bureau and administrators
    boolean fullNames = access.isTownStaff(campaign, user.groups());
    Map<String, String> heads = households.headNamesOfBatch(batch.id());
    Map<String, String> accounts = payments.maskedAccounts(code, id);
    Map<String, String> writtenOff = payments.writeOffReasons(code);
    List<Row> rows = batch.lines().stream().map(l -> {
      String name = heads.get(l.householdNo());
      String head = name == null ? "—" : fullNames ? name : Masking.name(name);
      String reason = l.failReason() != null ? l.failReason() : l.holdReason();
      return new Row(l.householdNo(), head, l.village(), l.plantedMu(), l.amount(), l.composedAmount(),
          l.adjustReason(), l.status(), l.statusLabel(), reason, l.paidOn(), l.voucherNo(),
          accounts.getOrDefault(l.householdNo(), "未登记"), writtenOff.get(l.householdNo()));
    }).toList();
    boolean inReview = "IN_REVIEW".equals(batch.status());
    boolean sent = !inReview && !"COMPOSED".equals(batch.status());
    model.addAttribute("campaign", campaign);
    model.addAttribute("batch", batch);
    model.addAttribute("rows", rows);
    model.addAttribute("inReview", inReview);
    model.addAttribute("sent", sent);
    model.addAttribute("canWriteOff", sent && fullNames);
    model.addAttribute("fullNames", fullNames);
    model.addAttribute("batchNo", "BATCH-" + batch.id());
    model.addAttribute("path", path(code, id));
    model.addAttribute("token", token(request.getSession()));
    model.addAttribute("rowError", rowError);
    model.addAttribute("messages", messages == null ? Map.of() : messages);
    model.addAttribute("fileErrors", fileErrors);
    // what was done, from the redirect's parameters: a fixed text and a household of this batch, nothing else
    String done = DONE.get(String.valueOf(request.getParameter("done")));
    String doneNo = request.getParameter("no");
    if (rowError == null && messages == null && done != null && rows.stream().anyMatch(r -> r.householdNo()
        .equals(doneNo))) {
      model.addAttribute("notice", "户编号 " + doneNo + "：" + done);
    }
    String imported = request.getParameter("imported");
    if (messages == null && imported != null && imported.matches("\\d{1,6}")) {
      String unchanged = request.getParameter("unchanged");
      model.addAttribute("notice", "银行回盘已导入：登记 " + imported + " 户"
          + (unchanged != null && unchanged.matches("\\d{1,6}") && !"0".equals(unchanged)
              ? "，" + unchanged + " 户此前已登记（未重复登记）" : "") + "。");
    }
    return "staff/subsidy-batch";
  }

  static String path(String code, long id) {
    return "/staff/campaigns/" + UriUtils.encodePathSegment(code, StandardCharsets.UTF_8) + "/subsidy-batches/" + id;
  }

  /** The row's id in the page (the household number may hold characters an id should not). */
  static String anchor(String householdNo) {
    return householdNo.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  private static String forged(HttpServletResponse response, Model model) {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    model.addAttribute("message", "此请求可能由其他网站伪造，已拒绝。请重新打开补贴批次页面后再操作。");
    return "staff/denied";
  }

  private static String token(HttpSession session) {
    Object token = session.getAttribute(TOKEN);
    if (!(token instanceof String)) {
      byte[] bytes = new byte[24];
      RANDOM.nextBytes(bytes);
      token = HexFormat.of().formatHex(bytes);
      session.setAttribute(TOKEN, token);
    }
    return (String) token;
  }

  /** A form of the page itself: the session's token, and a browser that does not call it cross-site. */
  private static boolean genuine(HttpServletRequest request, String given) {
    String site = request.getHeader("Sec-Fetch-Site");
    HttpSession session = request.getSession(false);
    Object expected = session == null ? null : session.getAttribute(TOKEN);
    return (site == null || site.equalsIgnoreCase("same-origin")) && expected instanceof String e && given != null
        && MessageDigest.isEqual(e.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
