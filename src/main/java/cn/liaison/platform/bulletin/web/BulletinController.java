package cn.liaison.platform.bulletin.web;

import cn.liaison.platform.bulletin.Block;
import cn.liaison.platform.bulletin.Bulletin;
import cn.liaison.platform.bulletin.BulletinPart;
import cn.liaison.platform.bulletin.BulletinService;
import cn.liaison.platform.bulletin.Caller;
import cn.liaison.platform.bulletin.TemplateVariable;
import cn.liaison.platform.bulletin.TemplateVersion;
import cn.liaison.platform.system.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The work bulletin (工作简报) as a .docx, and its templates. Readers: the congress office and analysts (every
 * station), station staff (their own stations; another station is 403). The wording is changed by the congress
 * office and station staff.
 */
@RestController
@Tag(name = "工作简报", description = "按期间和联络站生成工作简报（.docx）；查看和修改简报模板（Mustache）")
@SecurityRequirement(name = "basic")
@PreAuthorize("isAuthenticated()")
class BulletinController {

  private static final String GROUP = "GROUP_";

  private final BulletinService bulletins;

  BulletinController(BulletinService bulletins) {
    this.bulletins = bulletins;
  }

  @GetMapping("/api/bulletins")
  @Operation(summary = "生成工作简报（.docx）", description = "from、to：yyyy-MM-dd，含首尾两天，最长一年；stations：联络站编码，"
      + "逗号分隔，按此顺序成篇（最多 20 个）；issueNo：期号（默认 1）；issuedOn：印发日期（默认今天）。数字与 GET /api/statistics 相同。")
  ResponseEntity<byte[]> docx(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String stations, @RequestParam(required = false) String issueNo,
      @RequestParam(required = false) String issuedOn, Authentication user) {
    Bulletin bulletin = bulletins.compose(bulletins.request(from, to, stations, issueNo, issuedOn, caller(user)));
    return BulletinDownload.of(bulletin, bulletins.docx(bulletin));
  }

  record PartView(String part, String label, String hint, int version, String body, String savedBy,
      Instant savedAt) {
    static PartView of(TemplateVersion v) {
      return new PartView(v.part().name(), v.part().label(), v.part().hint(), v.version(), v.body(), v.savedBy(),
          v.savedAt());
    }
  }

  record Mark(String mark, String meaning) {}

  record TemplatesView(List<PartView> parts, List<TemplateVariable> variables, List<Mark> marks) {}

  record SaveTemplate(String body, Integer baseVersion) {}

  @GetMapping("/api/bulletins/templates")
  @Operation(summary = "简报模板", description = "三段模板（刊头与目录、各联络站一篇、供稿与分送）的现行版本，可用变量及其含义，行首标记")
  TemplatesView templates(Authentication user) {
    bulletins.requireReader(caller(user));
    return new TemplatesView(bulletins.templates().values().stream().map(PartView::of).toList(),
        bulletins.variables(), Arrays.stream(Block.Kind.values()).map(k -> new Mark(k.mark(), k.meaning())).toList());
  }

  @GetMapping("/api/bulletins/templates/{part}/versions")
  @Operation(summary = "模板的历次版本", description = "谁在何时保存，原文；第 0 版为平台自带的默认模板")
  List<PartView> versions(@PathVariable String part, Authentication user) {
    return bulletins.history(part(part), caller(user)).stream().map(PartView::of).toList();
  }

  @PutMapping("/api/bulletins/templates/{part}")
  @Operation(summary = "修改简报模板", description = "part：HEADER、SECTION 或 CLOSING；body：Mustache 模板（最长 20000 字）；"
      + "baseVersion：修改所依据的版本号（他人已另存新版时 409）。变量名写错、标记不完整时 400，不保存。")
  PartView save(@PathVariable String part, @RequestBody SaveTemplate body, Authentication user) {
    return PartView.of(bulletins.save(part(part), body == null ? null : body.body(),
        body == null ? null : body.baseVersion(), caller(user)));
  }

  private static BulletinPart part(String name) {
    BulletinPart part = BulletinPart.of(name);
    if (part == null) {
      throw new NotFoundException("没有这一段模板，可选 HEADER、SECTION、CLOSING");
    }
    return part;
  }

  private static Caller caller(Authentication user) {
    Set<String> groups = user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith(GROUP)).map(a -> a.substring(GROUP.length())).collect(Collectors.toSet());
    return new Caller(user.getName(), groups);
  }
}
