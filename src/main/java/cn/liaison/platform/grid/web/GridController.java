package cn.liaison.platform.grid.web;

import cn.liaison.platform.grid.GridService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The deputies' grids (人大网格): administrators keep them; every platform user may list them (names, no phones). */
@RestController
@Tag(name = "人大网格", description = "网格及其责任代表")
@SecurityRequirement(name = "basic")
@PreAuthorize("isAuthenticated()")
class GridController {

  private final GridService grids;

  GridController(GridService grids) {
    this.grids = grids;
  }

  @PutMapping("/api/admin/grids/{code}")
  @PreAuthorize("hasAuthority('GROUP_camunda-admin')")
  @Operation(summary = "设置网格", description = "name：网格名称（如 太平村网格）；town：乡镇；deputy：责任代表的用户名")
  ResponseEntity<GridService.GridView> save(@PathVariable String code, @RequestBody GridService.GridRequest body,
      Authentication user) {
    boolean created = grids.save(code, body, user.getName());
    var view = grids.list(body.town()).stream().filter(g -> g.code().equals(code)).findFirst().orElseThrow();
    return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(view);
  }

  @GetMapping("/api/grids")
  @Operation(summary = "网格列表", description = "town：乡镇（不填时为全部）")
  List<GridService.GridView> list(@RequestParam(required = false) String town) {
    return grids.list(town);
  }
}
